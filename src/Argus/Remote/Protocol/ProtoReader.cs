using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Argus.Remote.Protocol;

/// <summary>
/// Walks protobuf wire format in a span: tags, varints, fixed64 and length-delimited fields, tracking the absolute offset
/// for error messages. Nested messages are read by a reader over the field's slice, so nothing is copied. (Google.Protobuf's
/// CodedInputStream keeps its limit stack internal: reading a nested message with it would mean one stream per message.)
/// </summary>
internal ref struct ProtoReader
{
    public const int Varint = 0;
    public const int Fixed64 = 1;
    public const int LengthDelimited = 2;
    public const int Fixed32 = 5;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _base;   // offset of _data[0] in the whole message, for errors
    private int _pos;

    public ProtoReader(ReadOnlySpan<byte> data, int baseOffset = 0)
    {
        _data = data;
        _base = baseOffset;
    }

    public readonly bool AtEnd => _pos >= _data.Length;
    public readonly int Offset => _base + _pos;

    public bool ReadTag(out int field, out int wireType)
    {
        if (_pos >= _data.Length)
        {
            field = wireType = 0;
            return false;
        }
        int at = Offset;
        ulong tag = ReadVarint();
        field = (int)(tag >> 3);
        wireType = (int)(tag & 7);
        if (field == 0 || tag >> 3 > int.MaxValue) Throw(at, $"invalid field number {tag >> 3}");
        return true;
    }

    public ulong ReadVarint()
    {
        ulong x = 0;
        int at = Offset;
        for (int shift = 0; shift < 64; shift += 7)
        {
            if (_pos >= _data.Length) Throw(at, "unexpected EOF in varint");
            byte b = _data[_pos++];
            x |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80) return x;
        }
        Throw(at, "varint longer than 10 bytes");
        return 0;
    }

    public double ReadDouble()
    {
        if (_data.Length - _pos < 8) Throw(Offset, "unexpected EOF in fixed64");
        double v = BitConverter.UInt64BitsToDouble(BinaryPrimitives.ReadUInt64LittleEndian(_data[_pos..]));
        _pos += 8;
        return v;
    }

    public ReadOnlySpan<byte> ReadBytes(out int offset)
    {
        int at = Offset;
        ulong n = ReadVarint();
        if (n > (ulong)(_data.Length - _pos)) Throw(at, $"length {n} exceeds the remaining {_data.Length - _pos} bytes");
        offset = Offset;
        var slice = _data.Slice(_pos, (int)n);
        _pos += (int)n;
        return slice;
    }

    public string ReadString()
    {
        var bytes = ReadBytes(out _);
        return bytes.IsEmpty ? "" : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Checks that a field has the wire type its schema gives it.</summary>
    public readonly void Expect(int field, int wireType, int expected)
    {
        if (wireType != expected) Throw(Offset, $"field {field} has wire type {wireType}, expected {expected}");
    }

    /// <summary>Skips an unknown field by its wire type, as protobuf decoders must.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case Varint:
                ReadVarint();
                break;
            case Fixed64:
                if (_data.Length - _pos < 8) Throw(Offset, "unexpected EOF in fixed64");
                _pos += 8;
                break;
            case LengthDelimited:
                ReadBytes(out _);
                break;
            case Fixed32:
                if (_data.Length - _pos < 4) Throw(Offset, "unexpected EOF in fixed32");
                _pos += 4;
                break;
            default:
                Throw(Offset, $"unsupported wire type {wireType}");
                break;
        }
    }

    [DoesNotReturn]
    public static void Throw(int offset, string reason) => throw new InvalidDataException($"protobuf byte {offset}: {reason}");
}
