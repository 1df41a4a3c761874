namespace Argus.Serve.Auth;

/// <summary>
/// Who may sign in, from the environment: <c>ARGUS_ADMIN_USER</c>/<c>ARGUS_ADMIN_PASSWORD</c>,
/// <c>ARGUS_VIEWER_USER</c>/<c>ARGUS_VIEWER_PASSWORD</c> (each also as <c>*_FILE</c>, a path whose contents are the value) and
/// <c>ARGUS_API_TOKENS_FILE</c>. Authentication is off when none of them is set and the web config has no basic_auth_users.
/// <c>ARGUS_VIEWER_USERS</c> names the web config's basic_auth_users that are viewers (the others are admins): Prometheus's
/// web config has no roles, and a key of Argus's own in that file would make Prometheus refuse it.
/// </summary>
public sealed record AuthSettings
{
    public SecretSource AdminUser { get; init; } = SecretSource.Literal(null);
    public SecretSource AdminPassword { get; init; } = SecretSource.Literal(null);
    public SecretSource ViewerUser { get; init; } = SecretSource.Literal(null);
    public SecretSource ViewerPassword { get; init; } = SecretSource.Literal(null);

    /// <summary>ARGUS_API_TOKENS_FILE (see <see cref="ApiTokenFile"/>), or null.</summary>
    public string? ApiTokensFile { get; init; }

    /// <summary>The web config's basic_auth_users: user name → bcrypt hash; admins unless named in <see cref="BasicAuthViewers"/>.</summary>
    public IReadOnlyDictionary<string, string> BasicAuthUsers { get; init; } = new Dictionary<string, string>();

    /// <summary>ARGUS_VIEWER_USERS: the basic_auth_users that are viewers.</summary>
    public IReadOnlySet<string> BasicAuthViewers { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The role of a basic_auth_users entry.</summary>
    public Role BasicAuthRole(string user) => BasicAuthViewers.Contains(user) ? Role.Viewer : Role.Admin;

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
    /// with <paramref name="errors"/> naming each bad variable; values never appear in messages. <paramref name="webConfig"/>
    /// is the --web.config.file whose basic_auth_users ARGUS_VIEWER_USERS must name.
    /// </summary>
    public static AuthSettings? FromEnvironment(Func<string, string?> env, TimeProvider time, out List<string> errors, WebConfig? webConfig = null)
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
            BasicAuthUsers = webConfig?.BasicAuthUsers ?? new Dictionary<string, string>(),
            BasicAuthViewers = ViewerUsers(env("ARGUS_VIEWER_USERS"), webConfig, errs),
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

    /// <summary>
    /// ARGUS_VIEWER_USERS: names separated by commas or white space, each one of the web config's basic_auth_users. A name
    /// that is not there is an error rather than ignored: a typo would otherwise leave that user an admin.
    /// </summary>
    private static HashSet<string> ViewerUsers(string? value, WebConfig? webConfig, List<string> errors)
    {
        var viewers = new HashSet<string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(value)) return viewers;
        var users = webConfig?.BasicAuthUsers;
        if (users is null || users.Count == 0)
        {
            errors.Add("ARGUS_VIEWER_USERS is set but --web.config.file has no basic_auth_users");
            return viewers;
        }
        foreach (string name in value.Split([',', ' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (users.ContainsKey(name)) viewers.Add(name);
            else errors.Add($"ARGUS_VIEWER_USERS names \"{name}\", which is not in basic_auth_users of {webConfig!.File}");
        }
        return viewers;
    }

    private static void Pair(string userVar, SecretSource user, string passwordVar, SecretSource password, List<string> errors)
    {
        if (user.IsSet && password.Current is null) errors.Add($"{userVar} is set but {passwordVar} (or {passwordVar}_FILE) is empty or missing");
        if (!user.IsSet && password.IsSet) errors.Add($"{passwordVar} is set but {userVar} (or {userVar}_FILE) is not");
    }
}
