using Argus.Serve.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Auth;

public sealed class SessionStoreTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private static readonly Principal s_alice = new("alice", Role.Admin);

    [Fact]
    public void Create_IdsAndCsrfTokensAre256BitRandom()
    {
        var store = new SessionStore(_time, TimeSpan.FromHours(12), TimeSpan.FromHours(1));
        var (a, sa) = store.Create(s_alice);
        var (b, sb) = store.Create(s_alice);
        Assert.Equal(43, a.Length); // base64url of 32 bytes
        Assert.NotEqual(a, b);
        Assert.NotEqual(sa.CsrfToken, sb.CsrfToken);
        Assert.NotEqual(a, sa.CsrfToken);
        Assert.Same(sa, store.Find(a));
        Assert.Null(store.Find(a[..^1] + (a[^1] == 'A' ? 'B' : 'A')));
    }

    [Fact]
    public void Find_IdleTooLong_Expires()
    {
        var store = new SessionStore(_time, TimeSpan.FromHours(12), TimeSpan.FromHours(1));
        var (id, _) = store.Create(s_alice);
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(store.Find(id)); // refreshes the idle clock
        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(store.Find(id));
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Null(store.Find(id));
        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Find_OlderThanMaxAge_ExpiresEvenWhenActive()
    {
        var store = new SessionStore(_time, TimeSpan.FromHours(2), TimeSpan.FromHours(1));
        var (id, _) = store.Create(s_alice);
        for (int i = 0; i < 3; i++)
        {
            _time.Advance(TimeSpan.FromMinutes(30));
            Assert.NotNull(store.Find(id));
        }
        _time.Advance(TimeSpan.FromMinutes(30));
        Assert.Null(store.Find(id));
    }

    [Fact]
    public void Remove_EndsTheSession()
    {
        var store = new SessionStore(_time, TimeSpan.FromHours(12), TimeSpan.FromHours(1));
        var (id, _) = store.Create(s_alice);
        store.Remove(id);
        Assert.Null(store.Find(id));
    }
}
