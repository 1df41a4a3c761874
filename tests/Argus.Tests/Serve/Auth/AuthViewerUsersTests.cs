using Argus.Serve.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Auth;

/// <summary>ARGUS_VIEWER_USERS: which of the web config's basic_auth_users are viewers (docs/security.md).</summary>
public sealed class AuthViewerUsersTests
{
    private static readonly string s_aliceHash = BCrypt.Net.BCrypt.HashPassword("alice-pw", 4);
    private static readonly string s_boardHash = BCrypt.Net.BCrypt.HashPassword("board-pw", 4);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static WebConfig Config(params string[] users) => new()
    {
        File = "/etc/argus/web.yml",
        BasicAuthUsers = users.ToDictionary(u => u, u => u == "alice" ? s_aliceHash : s_boardHash),
    };

    private AuthSettings? Read(string? viewers, WebConfig? config, out List<string> errors)
    {
        var env = new Dictionary<string, string>();
        if (viewers is not null) env["ARGUS_VIEWER_USERS"] = viewers;
        return AuthSettings.FromEnvironment(n => env.GetValueOrDefault(n), _time, out errors, config);
    }

    [Theory]
    [InlineData("board", new[] { "board" })]
    [InlineData(" board , tv\n", new[] { "board", "tv" })]
    [InlineData("board tv", new[] { "board", "tv" })]
    [InlineData("", new string[0])]
    public void FromEnvironment_ViewerUsers_SplitOnCommasAndWhiteSpace(string value, string[] expected)
    {
        var settings = Read(value, Config("alice", "board", "tv"), out var errors);
        Assert.True(settings is not null, string.Join("\n", errors));
        Assert.Equal(expected.Order(StringComparer.Ordinal), settings!.BasicAuthViewers.Order(StringComparer.Ordinal));
        Assert.Equal(3, settings.BasicAuthUsers.Count);
        Assert.True(settings.Enabled);
    }

    [Fact]
    public void FromEnvironment_ViewerUserNotInWebConfig_IsAnError()
    {
        Assert.Null(Read("board,bord", Config("alice", "board"), out var errors));
        Assert.Equal("ARGUS_VIEWER_USERS names \"bord\", which is not in basic_auth_users of /etc/argus/web.yml", Assert.Single(errors));
    }

    [Fact]
    public void FromEnvironment_ViewerUsersWithoutBasicAuthUsers_IsAnError()
    {
        Assert.Null(Read("board", null, out var errors));
        Assert.Equal("ARGUS_VIEWER_USERS is set but --web.config.file has no basic_auth_users", Assert.Single(errors));
        Assert.Null(Read("board", new WebConfig { File = "w.yml" }, out errors));
        Assert.Single(errors);
    }

    [Fact]
    public void VerifyPassword_WebConfigUsers_ViewersByList_OthersAdmins()
    {
        var store = new CredentialStore(Read("board", Config("alice", "board"), out _)!, _time, NullLogger.Instance);
        Assert.Equal(new Principal("alice", Role.Admin), store.VerifyPassword("alice", "alice-pw"));
        Assert.Equal(new Principal("board", Role.Viewer), store.VerifyPassword("board", "board-pw"));
        Assert.Null(store.VerifyPassword("board", "alice-pw"));
    }

    [Fact]
    public void StillExists_FollowsTheRoleOfTheList()
    {
        var store = new CredentialStore(Read("board", Config("alice", "board"), out _)!, _time, NullLogger.Instance);
        Assert.True(store.StillExists(new Principal("board", Role.Viewer)));
        Assert.False(store.StillExists(new Principal("board", Role.Admin)), "a session made while board was an admin ends once it is a viewer");
        Assert.True(store.StillExists(new Principal("alice", Role.Admin)));
        Assert.False(store.StillExists(new Principal("alice", Role.Viewer)));
    }
}
