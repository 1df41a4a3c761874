using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>K-way merge of sorted series sets by labels; equal label sets become one <see cref="MergeSeries"/>.</summary>
internal sealed class MergeSeriesSet : ISeriesSet
{
    private readonly ISeriesSet[] _sets;
    private readonly bool[] _has;
    private readonly List<ISeries> _group = [];
    private bool _started;
    private ISeries? _at;

    public MergeSeriesSet(ISeriesSet[] sets)
    {
        _sets = sets;
        _has = new bool[sets.Length];
    }

    public bool Next()
    {
        if (!_started)
        {
            for (int i = 0; i < _sets.Length; i++) _has[i] = _sets[i].Next();
            _started = true;
        }
        // The number of sets is small (blocks in range + head), so a linear scan beats a heap.
        Labels? min = null;
        for (int i = 0; i < _sets.Length; i++)
        {
            if (_has[i] && (min is null || Labels.Compare(_sets[i].At.Labels, min) < 0)) min = _sets[i].At.Labels;
        }
        if (min is null)
        {
            _at = null;
            return false;
        }
        _group.Clear();
        for (int i = 0; i < _sets.Length; i++)
        {
            if (_has[i] && _sets[i].At.Labels.Equals(min))
            {
                _group.Add(_sets[i].At);
                _has[i] = _sets[i].Next();
            }
        }
        _at = _group.Count == 1 ? _group[0] : new MergeSeries(min, [.. _group]);
        return true;
    }

    public ISeries At => _at ?? throw new InvalidOperationException("At called before Next returned true");
}
