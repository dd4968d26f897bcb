namespace Cuboid;

/// <summary>A value a caller gives the library (an option's property or a method's argument), named the library's way
/// (<c>Every</c>, <c>OutputDirectory</c>). Surfaces name it their own way: the CLI as a flag, a server as a field.</summary>
/// <param name="Name">The library's name for it, PascalCase.</param>
public sealed record CuboidParameter(string Name)
{
    /// <inheritdoc/>
    public override string ToString() => Name;
}
