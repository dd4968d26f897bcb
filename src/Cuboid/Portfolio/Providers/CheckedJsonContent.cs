using System.Text.Json;

namespace Cuboid.Portfolio.Providers;

/// <summary>
/// A JSON answer the <see cref="ProviderFailureHandler"/> has read and checked, with the document it parsed: a caller that
/// works on the JSON itself (the chat relay) takes the document instead of parsing the same bytes again; any other
/// reads the bytes as usual.
/// </summary>
internal sealed class CheckedJsonContent(byte[] bytes, JsonDocument document) : ByteArrayContent(bytes)
{
    private JsonDocument? _document = document;

    /// <summary>The parsed document, now owned by the caller (null once taken).</summary>
    public JsonDocument? TakeDocument()
    {
        var document = _document;
        _document = null;
        return document;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _document?.Dispose();
            _document = null;
        }

        base.Dispose(disposing);
    }
}
