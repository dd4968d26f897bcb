namespace Cuboid.Server.Ui;

/// <summary>
/// The headers of what the UI serves. Its own pages get a strict Content-Security-Policy: scripts, styles and
/// everything else from this origin only, no inline script or style, no framing by others. A report opened by a signed
/// link is <c>report.html</c>, self-contained by design (inline style and script, data-URI thumbnails), so it gets its
/// own policy: inline allowed, but it may load nothing from elsewhere and connect nowhere.
/// </summary>
public static class UiSecurityHeaders
{
    public const string PagePolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "connect-src 'self'; frame-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public const string ReportPolicy =
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src 'self' data:; media-src 'self' data:; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    public static void ForPage(HttpResponse response) => Apply(response, PagePolicy);

    public static void ForReport(HttpResponse response) => Apply(response, ReportPolicy);

    public static void ForFile(HttpResponse response) => Apply(response, "default-src 'none'; frame-ancestors 'self'");

    private static void Apply(HttpResponse response, string policy)
    {
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers.XContentTypeOptions = "nosniff";
        // Signed links carry a token in their path: never send it on as a referrer.
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
