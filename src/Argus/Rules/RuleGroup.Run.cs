namespace Argus.Rules;

public sealed partial class RuleGroup
{
    /// <summary>
    /// The evaluation loop (Prometheus's Group.run): wait for the next point of the group's grid, evaluate, then evaluate at each
    /// tick. A tick that comes more than one interval late counts the skipped iterations as missed and evaluates at the newest
    /// grid point, so a slow group never queues up work. Groups loaded at startup restore alert state after their second
    /// evaluation, once the store has data from after the restart.
    /// </summary>
    internal async Task RunAsync(CancellationToken stop)
    {
        var time = _options.Time;
        _options.Metrics?.Init(Key);
        DateTimeOffset evalTs = EvalTimestamp(time.GetUtcNow()) + Interval;
        var wait = evalTs - time.GetUtcNow();
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stop);
            using var ticker = new PeriodicTimer(Interval, time);
            _options.Metrics?.Scheduled(Key, 1);
            Eval(evalTs, stop);
            if (ShouldRestore)
            {
                do
                {
                    if (!await ticker.WaitForNextTickAsync(stop)) return;
                }
                while (time.GetUtcNow() < evalTs + Interval);
                evalTs = NextTimestamp(evalTs, time.GetUtcNow());
                Eval(evalTs, stop);
                RestoreForState(time.GetUtcNow());
                ShouldRestore = false;
            }
            while (await ticker.WaitForNextTickAsync(stop))
            {
                // A tick left pending while a slow evaluation ran can arrive before the next grid point: never evaluate ahead of time.
                if (time.GetUtcNow() < evalTs + Interval) continue;
                evalTs = NextTimestamp(evalTs, time.GetUtcNow());
                Eval(evalTs, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    /// <summary>The next evaluation time after <paramref name="last"/>, skipping (and counting) iterations missed by <paramref name="now"/>.</summary>
    internal DateTimeOffset NextTimestamp(DateTimeOffset last, DateTimeOffset now)
    {
        long missed = (now - last).Ticks / Interval.Ticks - 1;
        if (missed < 0) missed = 0;
        if (missed > 0) _options.Metrics?.Missed(Key, missed);
        _options.Metrics?.Scheduled(Key, missed + 1);
        return last + (missed + 1) * Interval;
    }
}
