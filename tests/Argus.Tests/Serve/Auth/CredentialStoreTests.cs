using Argus.Serve.Auth;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Argus.Tests.Serve.Auth;

public sealed class CredentialStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("argus-cred-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private AuthSettings Settings(Dictionary<string, string> env)
    {
        var s = AuthSettings.FromEnvironment(n => env.GetValueOrDefault(n), _time, out var errors);
        Assert.True(s is not null, string.Join("\n", errors));
        return s!;
    }

    [Fact]
    public void FromEnvironment_Nothing_IsDisabled()
    {
        Assert.False(Settings([]).Enabled);
    }

    [Fact]
    public void VerifyPassword_EnvAccounts_RolesAndWrongParts()
    {
        var store = new CredentialStore(Settings(new()
        {
            ["ARGUS_ADMIN_USER"] = "root", ["ARGUS_ADMIN_PASSWORD"] = "s3cret",
            ["ARGUS_VIEWER_USER"] = "guest", ["ARGUS_VIEWER_PASSWORD"] = "look",
        }), _time, NullLogger.Instance);
        Assert.True(store.Enabled);
        Assert.Equal(new Principal("root", Role.Admin), store.VerifyPassword("root", "s3cret"));
        Assert.Equal(new Principal("guest", Role.Viewer), store.VerifyPassword("guest", "look"));
        Assert.Null(store.VerifyPassword("root", "look"));
        Assert.Null(store.VerifyPassword("guest", "s3cret"));
        Assert.Null(store.VerifyPassword("Root", "s3cret"));
        Assert.Null(store.VerifyPassword("root", "s3cret "));
        Assert.Null(store.VerifyPassword("", ""));
    }

    [Fact]
    public void VerifyPassword_FileVariant_FollowsRotation()
    {
        string pw = Path.Combine(_dir, "pw");
        File.WriteAllText(pw, "first\n"); // a trailing newline, as `echo` and many Secret tools write
        var store = new CredentialStore(Settings(new() { ["ARGUS_ADMIN_USER"] = "admin", ["ARGUS_ADMIN_PASSWORD_FILE"] = pw }), _time, NullLogger.Instance);
        Assert.NotNull(store.VerifyPassword("admin", "first"));
        File.WriteAllText(pw, "second");
        Assert.NotNull(store.VerifyPassword("admin", "first")); // re-read at most every RecheckInterval
        _time.Advance(SecretSource.RecheckInterval);
        Assert.Null(store.VerifyPassword("admin", "first"));
        Assert.NotNull(store.VerifyPassword("admin", "second"));
        File.Delete(pw);
        _time.Advance(SecretSource.RecheckInterval);
        Assert.NotNull(store.VerifyPassword("admin", "second")); // a vanished file keeps the last value
    }

    [Fact]
    public void VerifyPassword_BcryptUsers_AreAdmins()
    {
        var settings = Settings([]) with
        {
            BasicAuthUsers = new Dictionary<string, string> { ["grafana"] = BCrypt.Net.BCrypt.HashPassword("pw", 4) },
        };
        var store = new CredentialStore(settings, _time, NullLogger.Instance);
        Assert.True(store.Enabled);
        Assert.Equal(new Principal("grafana", Role.Admin), store.VerifyPassword("grafana", "pw"));
        Assert.Equal(new Principal("grafana", Role.Admin), store.VerifyPassword("grafana", "pw")); // cached
        Assert.Null(store.VerifyPassword("grafana", "PW"));
        Assert.Null(store.VerifyPassword("nobody", "pw"));
    }

    [Fact]
    public void VerifyToken_FileWithRoles_ReloadsAndKeepsLastGoodSetOnError()
    {
        string file = Path.Combine(_dir, "tokens");
        string a = new('a', 40), b = new('b', 40), c = new('c', 40);
        File.WriteAllText(file, $"# comment\n\nci admin {a}\ngrafana\tviewer\t{b}\n");
        var store = new CredentialStore(Settings(new() { ["ARGUS_API_TOKENS_FILE"] = file }), _time, NullLogger.Instance);
        Assert.Equal(new Principal("ci", Role.Admin), store.VerifyToken(a));
        Assert.Equal(new Principal("grafana", Role.Viewer), store.VerifyToken(b));
        Assert.Null(store.VerifyToken(c));
        Assert.Null(store.VerifyPassword("ci", a)); // a token is not a password

        File.WriteAllText(file, $"new admin {c}\n");
        _time.Advance(SecretSource.RecheckInterval);
        Assert.Null(store.VerifyToken(a));
        Assert.Equal(new Principal("new", Role.Admin), store.VerifyToken(c));

        File.WriteAllText(file, "broken line\n");
        _time.Advance(SecretSource.RecheckInterval);
        Assert.Equal(new Principal("new", Role.Admin), store.VerifyToken(c));
    }

    [Theory]
    [InlineData("ci admin short", "tokens:1: token \"ci\" is shorter than 32 characters")]
    [InlineData("ci root 0123456789abcdef0123456789abcdef", "tokens:1: unknown role \"root\" for token \"ci\" (admin or viewer)")]
    [InlineData("ci admin", "tokens:1: expected \"<name> <role> <token>\", got 2 fields")]
    [InlineData("a admin 0123456789abcdef0123456789abcdef\na viewer 0123456789abcdef0123456789abcdeX", "tokens:2: duplicate token name \"a\"")]
    public void ApiTokenFile_Errors_NameFileLineAndNeverTheToken(string text, string expected)
    {
        ApiTokenFile.Parse(text, "tokens", out var errors);
        Assert.Equal(expected, Assert.Single(errors));
    }

    [Theory]
    [InlineData("ARGUS_ADMIN_USER=a", "ARGUS_ADMIN_USER is set but ARGUS_ADMIN_PASSWORD (or ARGUS_ADMIN_PASSWORD_FILE) is empty or missing")]
    [InlineData("ARGUS_VIEWER_PASSWORD=p", "ARGUS_VIEWER_PASSWORD is set but ARGUS_VIEWER_USER (or ARGUS_VIEWER_USER_FILE) is not")]
    [InlineData("ARGUS_ADMIN_USER=a ARGUS_ADMIN_USER_FILE=/x ARGUS_ADMIN_PASSWORD=p", "both ARGUS_ADMIN_USER and ARGUS_ADMIN_USER_FILE are set; set one")]
    public void FromEnvironment_Misconfigured_SaysWhichVariable(string vars, string expected)
    {
        var env = vars.Split(' ').Select(v => v.Split('=')).ToDictionary(kv => kv[0], kv => kv[1]);
        Assert.Null(AuthSettings.FromEnvironment(n => env.GetValueOrDefault(n), _time, out var errors));
        Assert.Equal(expected, errors[0]);
    }

    [Fact]
    public void FromEnvironment_MissingFile_NamesItAndDoesNotLeakValues()
    {
        var env = new Dictionary<string, string> { ["ARGUS_ADMIN_USER"] = "a", ["ARGUS_ADMIN_PASSWORD_FILE"] = Path.Combine(_dir, "missing") };
        Assert.Null(AuthSettings.FromEnvironment(n => env.GetValueOrDefault(n), _time, out var errors));
        Assert.Contains(errors, e => e.StartsWith("ARGUS_ADMIN_PASSWORD_FILE: cannot read secret file \"" + Path.Combine(_dir, "missing"), StringComparison.Ordinal));
    }
}
