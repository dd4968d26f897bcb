namespace Cuboid.Storage;

/// <summary>A caption found in the cache, with the model that wrote it.</summary>
public sealed record CachedCaption(string Model, string Caption);
