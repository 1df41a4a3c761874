namespace Argus.Tests.Testing;

/// <summary>Bounded polling for integration tests: wait for a condition, fail with context, stop early if the server died.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string?>? diedBecause = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (diedBecause?.Invoke() is { } why) throw new InvalidOperationException(why);
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"condition not reached within {timeout.TotalSeconds:F0}s");
            await Task.Delay(200);
        }
    }

    /// <summary>The HTTP status of GET <paramref name="path"/>, or null while nothing answers.</summary>
    public static async Task<int?> StatusAsync(HttpClient http, string path)
    {
        try
        {
            using var r = await http.GetAsync(path);
            return (int)r.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }
}
