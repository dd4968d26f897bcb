using System.Runtime.InteropServices;

namespace Cuboid.Spacetime;

/// <summary>48 bytes moved as one value (the JIT copies it with one 32-byte and one 16-byte vector move): a 16×16 RGB
/// patch row, 16 pixels × 3 bytes. A struct of a 32-byte and a 16-byte vector would be padded to 64 bytes.</summary>
[StructLayout(LayoutKind.Sequential, Size = 48)]
internal readonly struct Run48;
