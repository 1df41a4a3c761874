using System.Runtime.CompilerServices;
using Argus.Model;

namespace Argus.Store.Chunks;

/// <summary>
/// Decodes a chunk written by <see cref="DecimalChunkEncoder"/> sample by sample without allocating; reset it onto another
/// chunk to reuse it. A decoding failure (truncated or corrupt data) ends the iteration and sets <see cref="Error"/>.
/// </summary>
public sealed class DecimalIterator : ISampleIterator
{
    private BitReader _br;
    private int _count;
    private int _read;
    private int _scale;
    private double _pow;
    private bool _valueDod;
    private ResidualCode _tCode;
    private ResidualCode _vCode;
    private long _t;
    private long _tDelta;
    private long _n;
    private long _nDelta;
    private double _v;

    public long T => _t;
    public double V => _v;

    /// <summary>Non-null when the chunk's bytes ended early or held an impossible encoding.</summary>
    public string? Error { get; private set; }

    /// <summary>Positions the iterator before the first sample of the encoded chunk in data[0..length) (count header included).</summary>
    public void Reset(byte[] data, int length)
    {
        _read = 0;
        _t = long.MinValue;
        _tDelta = 0;
        _n = 0;
        _nDelta = 0;
        _v = 0;
        Error = null;
        if (length < 2)
        {
            _count = 0;
            Error = $"decimal chunk of {length} bytes is shorter than its 2-byte header";
            return;
        }
        _count = XorChunk.CountOf(data);
        _br = new BitReader(data, 2, length);
        if (!_br.TryReadBits(5, out ulong scale) || !_br.TryReadBit(out _valueDod)
            || !ResidualCode.TryReadHeader(ref _br, out _tCode) || !ResidualCode.TryReadHeader(ref _br, out _vCode))
        {
            Fail("header");
            return;
        }
        if (scale > DecimalChunkEncoder.MaxScale)
        {
            Fail($"scale {scale} above {DecimalChunkEncoder.MaxScale}");
            return;
        }
        _scale = (int)scale;
        _pow = DecimalChunkEncoder.Pow10[_scale];
    }

    public bool Seek(long t)
    {
        if (_read > 0 && _t >= t) return true;
        while (Next())
        {
            if (_t >= t) return true;
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        if (Error is not null || _read >= _count) return false;
        if (_read == 0)
        {
            if (!ReadVarint(out _t) || !ReadVarint(out _n)) return Fail("first sample");
        }
        else
        {
            if (!_tCode.TryRead(ref _br, out long dod)) return Fail("timestamp");
            _tDelta += dod;
            _t += _tDelta;
            if (!_vCode.TryRead(ref _br, out long r)) return Fail("value");
            unchecked
            {
                if (_valueDod)
                {
                    _nDelta += r;
                    _n += _nDelta;
                }
                else
                {
                    _n += r;
                }
            }
        }
        _v = _scale == 0 ? _n : _n / _pow;
        _read++;
        return true;
    }

    private bool ReadVarint(out long x)
    {
        ulong u = 0;
        x = 0;
        for (int shift = 0; shift < 70; shift += 7)
        {
            if (!_br.TryReadByte(out byte b)) return false;
            u |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                x = ResidualCode.Unzigzag(u);
                return true;
            }
        }
        return false;
    }

    private bool Fail(string what)
    {
        Error = $"cannot decode sample {_read + 1} of {_count} of a decimal chunk: {what}: unexpected end of data or invalid encoding";
        _read = _count;
        return false;
    }
}
