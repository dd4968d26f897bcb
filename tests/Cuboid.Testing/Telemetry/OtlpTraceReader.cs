using System.Text;

namespace Cuboid.Testing.Telemetry;

/// <summary>
/// Reads span names out of an OTLP <c>ExportTraceServiceRequest</c> in the protobuf wire format, enough of it to
/// count what an exporter sent: resource_spans (1) → scope_spans (2) → spans (2) → name (5).
/// </summary>
public static class OtlpTraceReader
{
    private const int ResourceSpans = 1;
    private const int ScopeSpans = 2;
    private const int Spans = 2;
    private const int SpanName = 5;

    public static IReadOnlyList<string> SpanNames(ReadOnlySpan<byte> request)
    {
        var names = new List<string>();
        foreach (var resource in Fields(request.ToArray(), ResourceSpans))
        {
            foreach (var scope in Fields(resource, ScopeSpans))
            {
                foreach (var span in Fields(scope, Spans))
                {
                    names.AddRange(Fields(span, SpanName).Select(n => Encoding.UTF8.GetString(n)));
                }
            }
        }

        return names;
    }

    /// <summary>The length-delimited values of field <paramref name="number"/> in one message; other fields are skipped.</summary>
    private static List<byte[]> Fields(byte[] message, int number)
    {
        var values = new List<byte[]>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0:
                    Varint(message, ref at);
                    break;
                case 1:
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    if (field == number)
                    {
                        values.Add(message[at..(at + length)]);
                    }

                    at += length;
                    break;
                case 5:
                    at += 4;
                    break;
                default:
                    throw new InvalidDataException($"wire type {tag & 7} at byte {at} is not protobuf");
            }
        }

        return values;
    }

    private static ulong Varint(byte[] bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}
