using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;

namespace Argus;

/// <summary>Console logging at the level of <c>--log.level</c> (debug, info, warn, error).</summary>
internal static class Logging
{
    public static ILoggerFactory Create(string level) => LoggerFactory.Create(b =>
    {
        b.SetMinimumLevel(level switch
        {
            "debug" => LogLevel.Debug,
            "warn" => LogLevel.Warning,
            "error" => LogLevel.Error,
            _ => LogLevel.Information,
        });
        b.AddFilter("Microsoft", LogLevel.Warning);
        b.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
            o.ColorBehavior = LoggerColorBehavior.Disabled;
        });
    });
}
