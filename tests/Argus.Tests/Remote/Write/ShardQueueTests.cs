using Argus.Model;
using Argus.Remote.Protocol;
using Argus.Remote.Write;
using CsCheck;

namespace Argus.Tests.Remote.Write;

public sealed class ShardQueueTests
{
    private static readonly Labels s_up = Labels.FromStrings("__name__", "up");

    private static SeriesSample At(long t) => new(s_up, t, t);

    private static long[] Take(ShardQueue queue, bool partial)
    {
        if (!queue.TryTake(partial, out var batch, out int n)) return [];
        long[] times = batch.AsSpan(0, n).ToArray().Select(s => s.T).ToArray();
        queue.Return(batch, n);
        return times;
    }

    [Fact]
    public void TryAppend_CapacityReached_FailsUntilABatchIsTaken()
    {
        // Capacity 6 at 3 per batch: two full batches wait, the third fills the partial one and cannot be handed on.
        var queue = new ShardQueue(batchSize: 3, capacity: 6);
        for (int t = 0; t < 9; t++) Assert.True(queue.TryAppend(At(t)));
        Assert.False(queue.TryAppend(At(9)));
        Assert.False(queue.WaitToAppendAsync(CancellationToken.None).IsCompleted);

        Assert.Equal([0L, 1, 2], Take(queue, partial: false));
        Assert.True(queue.WaitToAppendAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.True(queue.TryAppend(At(9)));
        Assert.Equal([3L, 4, 5], Take(queue, partial: false));
        Assert.Equal([6L, 7, 8], Take(queue, partial: false));
        Assert.Equal([], Take(queue, partial: false));
        Assert.Equal([9L], Take(queue, partial: true));
    }

    [Fact]
    public void TryTake_Partial_OnlyWhenNoFullBatchWaits()
    {
        var queue = new ShardQueue(batchSize: 2, capacity: 10);
        for (int t = 0; t < 3; t++) Assert.True(queue.TryAppend(At(t)));
        Assert.True(queue.WaitForBatchAsync(CancellationToken.None).IsCompletedSuccessfully);
        Assert.Equal([0L, 1], Take(queue, partial: true));   // the full batch first, though a partial one was asked for
        Assert.False(queue.WaitForBatchAsync(CancellationToken.None).IsCompleted);
        Assert.Equal([], Take(queue, partial: false));
        Assert.Equal([2L], Take(queue, partial: true));
        Assert.Equal([], Take(queue, partial: true));
    }

    [Fact]
    public async Task Complete_FullBatchesThenPartial_ThenNoMoreAppends()
    {
        var queue = new ShardQueue(batchSize: 2, capacity: 4);
        for (int t = 0; t < 5; t++) Assert.True(queue.TryAppend(At(t)));
        queue.Complete();
        Assert.False(queue.TryAppend(At(5)));
        Assert.False(await queue.WaitToAppendAsync(CancellationToken.None));
        Assert.True(await queue.WaitForBatchAsync(CancellationToken.None));
        Assert.Equal([0L, 1], Take(queue, partial: false));
        Assert.Equal([2L, 3], Take(queue, partial: false));
        Assert.False(await queue.WaitForBatchAsync(CancellationToken.None));
        Assert.Equal([4L], Take(queue, partial: true));
    }

    [Fact]
    public void Return_ClearsTheEntries_SoLabelSetsCanBeCollected()
    {
        var queue = new ShardQueue(batchSize: 2, capacity: 2);
        queue.TryAppend(At(1));
        queue.TryAppend(At(2));
        Assert.True(queue.TryTake(partial: false, out var batch, out int n));
        queue.Return(batch, n);
        Assert.All(batch, s => Assert.Null(s.Labels));
    }

    [Fact]
    public void AnyAppendsAndTakes_EverySampleLeavesOnceInOrder()
    {
        // Operations: 0 = append, 1 = take a full batch, 2 = take full or partial (the deadline), applied to small queues.
        Gen.Select(Gen.Int[1, 5], Gen.Int[1, 12], Gen.Int[0, 2].Array[0, 200]).Sample((batchSize, capacity, ops) =>
        {
            var queue = new ShardQueue(batchSize, capacity);
            var sent = new List<long>();
            long next = 0;
            foreach (int op in ops)
            {
                if (op == 0)
                {
                    if (queue.TryAppend(At(next))) next++;
                    else Assert.False(queue.WaitToAppendAsync(CancellationToken.None).IsCompleted);   // full: no lost wake-up
                }
                else
                {
                    long[] batch = Take(queue, partial: op == 2);
                    Assert.True(batch.Length <= batchSize);
                    sent.AddRange(batch);
                }
            }
            queue.Complete();
            while (true)
            {
                long[] batch = Take(queue, partial: true);
                if (batch.Length == 0) break;
                sent.AddRange(batch);
            }
            Assert.Equal(Enumerable.Range(0, (int)next).Select(i => (long)i), sent);
        }, iter: 500);
    }
}
