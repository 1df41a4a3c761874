using Argus.Serve.Auth;

namespace Argus.Tests.Serve.Auth;

public sealed class LoginPageTests
{
    [Theory]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("/graph?g0.expr=up", "/graph?g0.expr=up")]
    [InlineData("/", "/")]
    [InlineData("//evil.example/x", "/")]
    [InlineData("/\\evil.example", "/")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("evil.example", "/")]
    [InlineData("javascript:alert(1)", "/")]
    [InlineData("/a\\b", "/")]
    [InlineData("/a\r\nSet-Cookie: x=1", "/")]
    [InlineData("/\tevil", "/")]
    public void SafeNext_OnlyLocalPaths(string? next, string expected) => Assert.Equal(expected, LoginPage.SafeNext(next));

    [Fact]
    public void Render_EncodesEverything_AndLoadsNothingExternal()
    {
        string html = LoginPage.Render("tok\"<", "/x?a=\"><script>", "<b>bad</b>", "\"><img>");
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("<img>", html);
        Assert.DoesNotContain("<b>bad", html);
        Assert.Contains("value=\"tok&quot;&lt;\"", html);
        Assert.DoesNotContain("src=", html);
        Assert.DoesNotContain("href=", html);
        Assert.Contains("prefers-color-scheme: dark", html);
    }
}
