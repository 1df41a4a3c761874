using Argus.Serve.Auth;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Auth;

public sealed class LoginRateLimiterTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Fail_FiveWithinAMinute_LocksForAMinute()
    {
        var limiter = new LoginRateLimiter(_time);
        for (int i = 1; i < LoginRateLimiter.Burst; i++) Assert.False(limiter.Fail("ip:1.2.3.4"));
        Assert.False(limiter.IsLocked("ip:1.2.3.4", out _));
        Assert.True(limiter.Fail("ip:1.2.3.4"));
        Assert.True(limiter.IsLocked("ip:1.2.3.4", out var wait));
        Assert.Equal(TimeSpan.FromMinutes(1), wait);
        Assert.False(limiter.IsLocked("ip:5.6.7.8", out _));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.False(limiter.IsLocked("ip:1.2.3.4", out _));
    }

    [Fact]
    public void Fail_SpreadOverWindows_DoesNotLock()
    {
        var limiter = new LoginRateLimiter(_time);
        for (int i = 0; i < 20; i++)
        {
            Assert.False(limiter.Fail("user:alice"));
            _time.Advance(TimeSpan.FromSeconds(16)); // 4 per minute
        }
    }

    [Fact]
    public void Fail_AfterLockout_DoublesEachTime_UpToAnHour()
    {
        var limiter = new LoginRateLimiter(_time);
        for (int i = 0; i < LoginRateLimiter.Burst; i++) limiter.Fail("k");
        var expected = TimeSpan.FromMinutes(1);
        for (int strike = 2; strike <= 10; strike++)
        {
            limiter.IsLocked("k", out var wait);
            _time.Advance(wait);
            Assert.True(limiter.Fail("k"));
            expected = TimeSpan.FromTicks(Math.Min(expected.Ticks * 2, LoginRateLimiter.MaxLockout.Ticks));
            Assert.True(limiter.IsLocked("k", out wait));
            Assert.Equal(expected, wait);
        }
        Assert.Equal(LoginRateLimiter.MaxLockout, expected);
    }

    [Fact]
    public void Fail_QuietForAnHour_StartsAfresh_AndSucceedClears()
    {
        var limiter = new LoginRateLimiter(_time);
        for (int i = 0; i < LoginRateLimiter.Burst; i++) limiter.Fail("k");
        _time.Advance(LoginRateLimiter.MaxLockout);
        Assert.True(limiter.Fail("k")); // an hour after the failure but not after the lockout: still striking
        _time.Advance(LoginRateLimiter.MaxLockout + TimeSpan.FromMinutes(2));
        Assert.False(limiter.Fail("k"));
        for (int i = 0; i < 3; i++) limiter.Fail("k");
        limiter.Succeed("k");
        Assert.False(limiter.Fail("k"));
    }
}
