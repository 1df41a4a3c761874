using Argus.Model;
using Argus.Store;

namespace Argus.Tests.Remote.Read;

/// <summary>
/// The series both remote-read test classes query: three <c>up</c> series over two jobs (instance b ends with a stale
/// marker) and one <c>other</c>, one sample a second from t = 0.
/// </summary>
internal static class ReadTestSeries
{
    public static void AppendTo(IAppender app)
    {
        foreach (var (labels, n) in new[]
        {
            (Labels.FromStrings("__name__", "up", "job", "api", "instance", "a"), 10),
            (Labels.FromStrings("__name__", "up", "job", "api", "instance", "b"), 10),
            (Labels.FromStrings("__name__", "up", "job", "db", "instance", "c", "cluster", "own"), 10),
            (Labels.FromStrings("__name__", "other", "job", "api"), 3),
        })
        {
            var r = SeriesRef.None;
            for (int i = 0; i < n; i++) app.Append(ref r, labels, i * 1000L, i);
            if (labels.Get("instance") == "b") app.Append(ref r, labels, n * 1000L, StaleNaN.Value);
        }
    }
}
