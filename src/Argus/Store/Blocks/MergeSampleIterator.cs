using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>
/// Merges sample iterators by timestamp; when several hold the same timestamp, the earliest iterator's sample is returned
/// and the others are skipped (deduplication of overlapping blocks). No allocation per sample.
/// </summary>
internal sealed class MergeSampleIterator : ISampleIterator
{
    private ISampleIterator?[] _its = [];
    private bool[] _has = [];
    private int _n;
    private int _cur = -1;
    private bool _started;
    private long _t;
    private double _v;

    public void Reset(ISeries[] parts)
    {
        if (_its.Length < parts.Length)
        {
            Array.Resize(ref _its, parts.Length);
            _has = new bool[parts.Length];
        }
        _n = parts.Length;
        for (int i = 0; i < _n; i++) _its[i] = parts[i].Iterator(_its[i]);
        _cur = -1;
        _started = false;
    }

    public long T => _t;
    public double V => _v;

    public bool Next()
    {
        if (!_started)
        {
            for (int i = 0; i < _n; i++) _has[i] = _its[i]!.Next();
            _started = true;
        }
        else if (_cur >= 0)
        {
            Advance(_t);
        }
        return Pick();
    }

    public bool Seek(long t)
    {
        if (_started && _cur >= 0 && _t >= t) return true;
        for (int i = 0; i < _n; i++)
        {
            if (!_started || _has[i]) _has[i] = _its[i]!.Seek(t);
        }
        _started = true;
        return Pick();
    }

    /// <summary>Moves every iterator positioned at t past it.</summary>
    private void Advance(long t)
    {
        for (int i = 0; i < _n; i++)
        {
            if (_has[i] && _its[i]!.T <= t) _has[i] = _its[i]!.Next();
        }
    }

    private bool Pick()
    {
        _cur = -1;
        for (int i = 0; i < _n; i++)
        {
            if (_has[i] && (_cur < 0 || _its[i]!.T < _its[_cur]!.T)) _cur = i;
        }
        if (_cur < 0) return false;
        _t = _its[_cur]!.T;
        _v = _its[_cur]!.V;
        return true;
    }
}
