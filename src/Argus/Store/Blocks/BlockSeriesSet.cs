using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Argus.Model;

namespace Argus.Store.Blocks;

/// <summary>Walks postings, decoding each series entry and keeping the chunks that overlap [mint, maxt].</summary>
internal sealed class BlockSeriesSet : ISeriesSet
{
    private readonly IndexReader _index;
    private readonly ChunkSegmentReader _chunks;
    private readonly ulong[] _ids;
    private readonly long _mint;
    private readonly long _maxt;
    private readonly string _dir;
    private readonly List<ChunkMeta> _scratch = [];
    private int _i = -1;
    private BlockSeries? _at;

    public BlockSeriesSet(IndexReader index, ChunkSegmentReader chunks, ulong[] ids, long mint, long maxt, string dir)
    {
        _index = index;
        _chunks = chunks;
        _ids = ids;
        _mint = mint;
        _maxt = maxt;
        _dir = dir;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool Next()
    {
        while (++_i < _ids.Length)
        {
            _scratch.Clear();
            var labels = _index.Series(_ids[_i], _scratch);
            int first = 0, end = _scratch.Count;
            while (first < end && _scratch[first].MaxT < _mint) first++;
            while (end > first && _scratch[end - 1].MinT > _maxt) end--;
            if (first == end) continue;
            _at = new BlockSeries(labels, CollectionsMarshal.AsSpan(_scratch)[first..end].ToArray(), _chunks, _mint, _maxt, _dir);
            return true;
        }
        _at = null;
        return false;
    }

    public ISeries At => _at ?? throw new InvalidOperationException("At called before Next returned true");
}
