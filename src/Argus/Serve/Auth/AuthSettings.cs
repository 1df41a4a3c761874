namespace Argus.Serve.Auth;

/// <summary>
/// Who may sign in, from the environment: <c>ARGUS_ADMIN_USER</c>/<c>ARGUS_ADMIN_PASSWORD</c>,
/// <c>ARGUS_VIEWER_USER</c>/<c>ARGUS_VIEWER_PASSWORD</c> (each also as <c>*_FILE</c>, a path whose contents are the value) and
/// <c>ARGUS_API_TOKENS_FILE</c>. Authentication is off when none of them is set and the web config has no basic_auth_users.
/// </summary>
public sealed record AuthSettings
{
    public SecretSource AdminUser { get; init; } = SecretSource.Literal(null);
    public SecretSource AdminPassword { get; init; } = SecretSource.Literal(null);
    public SecretSource ViewerUser { get; init; } = SecretSource.Literal(null);
    public SecretSource ViewerPassword { get; init; } = SecretSource.Literal(null);

    /// <summary>ARGUS_API_TOKENS_FILE (see <see cref="ApiTokenFile"/>), or null.</summary>
    public string? ApiTokensFile { get; init; }

    /// <summary>The web config's basic_auth_users: user name → bcrypt hash; all of them are admins.</summary>
    public IReadOnlyDictionary<string, string> BasicAuthUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// A token made up at start-up for Argus's own self-scrape (role viewer, name "argus-self-scrape"), so the embedded
    /// configuration keeps scraping /metrics when authentication is on; never written anywhere but the in-memory config.
    /// </summary>
    public string? InternalToken { get; init; }

    /// <summary>How long a browser session lives at most, and without requests.</summary>
    public TimeSpan SessionMaxAge { get; init; } = TimeSpan.FromHours(12);
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromHours(1);

    public bool Enabled => AdminUser.IsSet || ViewerUser.IsSet || ApiTokensFile is not null || BasicAuthUsers.Count > 0;

    /// <summary>
    /// Reads the settings through <paramref name="env"/> (Environment.GetEnvironmentVariable in the product). Returns null
    /// with <paramref name="errors"/> naming each bad variable; values never appear in messages.
    /// </summary>
    public static AuthSettings? FromEnvironment(Func<string, string?> env, TimeProvider time, out List<string> errors)
    {
        var errs = new List<string>();
        SecretSource Read(string name)
        {
            string? literal = env(name), file = env(name + "_FILE");
            if (!string.IsNullOrEmpty(literal) && !string.IsNullOrEmpty(file))
            {
                errs.Add($"both {name} and {name}_FILE are set; set one");
                return SecretSource.Literal(null);
            }
            if (string.IsNullOrEmpty(file)) return SecretSource.Literal(literal);
            try
            {
                return SecretSource.File(file, time);
            }
            catch (IOException e)
            {
                errs.Add($"{name}_FILE: {e.Message}");
                return SecretSource.Literal(null);
            }
        }
        var settings = new AuthSettings
        {
            AdminUser = Read("ARGUS_ADMIN_USER"),
            AdminPassword = Read("ARGUS_ADMIN_PASSWORD"),
            ViewerUser = Read("ARGUS_VIEWER_USER"),
            ViewerPassword = Read("ARGUS_VIEWER_PASSWORD"),
            ApiTokensFile = string.IsNullOrEmpty(env("ARGUS_API_TOKENS_FILE")) ? null : env("ARGUS_API_TOKENS_FILE"),
        };
        Pair("ARGUS_ADMIN_USER", settings.AdminUser, "ARGUS_ADMIN_PASSWORD", settings.AdminPassword, errs);
        Pair("ARGUS_VIEWER_USER", settings.ViewerUser, "ARGUS_VIEWER_PASSWORD", settings.ViewerPassword, errs);
        if (settings.ApiTokensFile is { } tokens)
        {
            try
            {
                ApiTokenFile.Parse(File.ReadAllText(tokens), tokens, out var tokenErrors);
                errs.AddRange(tokenErrors.Select(e => "ARGUS_API_TOKENS_FILE: " + e));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                errs.Add($"ARGUS_API_TOKENS_FILE: cannot read \"{tokens}\": {e.Message}");
            }
        }
        errors = errs;
        return errs.Count == 0 ? settings : null;
    }

    private static void Pair(string userVar, SecretSource user, string passwordVar, SecretSource password, List<string> errors)
    {
        if (user.IsSet && password.Current is null) errors.Add($"{userVar} is set but {passwordVar} (or {passwordVar}_FILE) is empty or missing");
        if (!user.IsSet && password.IsSet) errors.Add($"{passwordVar} is set but {userVar} (or {userVar}_FILE) is not");
    }
}
