namespace Cuboid;

/// <summary>A piece of an error message: text, or the name of a parameter that each surface writes its own way.</summary>
/// <param name="Text">The text, or the parameter's library name.</param>
/// <param name="Parameter">The parameter this piece names, or null for plain text.</param>
public readonly record struct ErrorMessagePart(string Text, CuboidParameter? Parameter);
