namespace Cuboid.Portfolio.Providers;

/// <summary>
/// An error a provider put inside a 200 (a stream event, or a body with <c>error</c> instead of an answer):
/// its message, and the HTTP-like status it carried (<c>error.code</c>, or implied by <c>error.type</c>) when it did.
/// </summary>
internal sealed record EmbeddedError(string Message, int? Status);
