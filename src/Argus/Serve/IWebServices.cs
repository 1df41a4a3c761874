using Argus.Collect.Scrape;
using Argus.Model;

namespace Argus.Serve;

/// <summary>What the HTTP server shows and controls, provided by the composition root.</summary>
public interface IWebServices
{
    bool Ready { get; }
    ICollector Metrics { get; }

    /// <summary>Where the server registers its own metrics (HTTP requests).</summary>
    Argus.Telemetry.MetricsRegistry Registry { get; }
    IReadOnlyList<ScrapePool> ScrapePools { get; }

    /// <summary>The PromQL engine with the server's limits (timeout, max samples, lookback).</summary>
    Argus.Query.Engine.Engine Engine { get; }

    /// <summary><c>--query.max-concurrency</c>.</summary>
    int MaxConcurrentQueries { get; }

    /// <summary>The store queries read from (blocks and head merged).</summary>
    Argus.Store.IQueryable Store { get; }
    IReadOnlyDictionary<string, string> Flags { get; }
    string ConfigYaml { get; }

    RuntimeInfo RuntimeInfo { get; }

    /// <summary>Head statistics with the top <c>limit</c> entries per list; null before the store is open.</summary>
    Argus.Store.Head.HeadStats? TsdbStats(int limit);

    /// <summary>
    /// Segments of the WAL replay for /api/v1/status/walreplay: updated while the store opens, all zero without a WAL.
    /// </summary>
    Argus.Store.Wal.WalReplayStatus WalReplay => s_noReplay;

    private static readonly Argus.Store.Wal.WalReplayStatus s_noReplay = new();

    /// <summary>The rule manager behind /api/v1/rules and /api/v1/alerts; null when rules are not running (empty lists).</summary>
    Argus.Rules.RuleManager? Rules => null;

    /// <summary>The built-in Alertmanager behind /api/v2; null when it is not running (the routes are then absent).</summary>
    Argus.Notify.NotifyService? Alertmanager => null;

    /// <summary>The sender to external Alertmanagers behind /api/v1/alertmanagers; null: both lists are empty.</summary>
    Argus.Notify.Forward.AlertForwarder? AlertForwarder => null;

    /// <summary>The dashboards behind /api/argus/dashboards; null when the server runs without them (the routes are then absent).</summary>
    Dashboards.DashboardCatalog? Dashboards => null;
    /// <summary>global.external_labels: added by /federate and /api/v1/read to series that lack them.</summary>
    Labels ExternalLabels => Labels.Empty;

    /// <summary>The limits of /api/v1/read (--storage.remote.read-*).</summary>
    Argus.Remote.Read.RemoteReadOptions RemoteRead => s_defaultRemoteRead;

    private static readonly Argus.Remote.Read.RemoteReadOptions s_defaultRemoteRead = new();

    /// <summary>Where /api/v1/admin/tsdb/snapshot creates snapshots (&lt;storage&gt;/snapshots); null without a local TSDB.</summary>
    string? SnapshotsDirectory => null;

    /// <summary>
    /// Writes a snapshot of the store into <paramref name="dir"/>: hard-linked blocks plus, with <paramref name="withHead"/>,
    /// the head as one more block (see <see cref="Argus.Store.Db.Snapshot"/>). Only called when <see cref="SnapshotsDirectory"/> is set.
    /// </summary>
    void Snapshot(string dir, bool withHead, long nowMs) =>
        throw new InvalidOperationException("BUG: Snapshot called on a server without SnapshotsDirectory");
    /// <summary>The POST /api/v1/write handler when <c>--web.enable-remote-write-receiver</c> is set; null: the route is absent (404).</summary>
    Argus.Remote.Write.RemoteWriteReceiver? RemoteWriteReceiver => null;

    /// <summary>Re-reads the configuration; returns null on success or the error text (the old config keeps running).</summary>
    Task<string?> ReloadAsync();
}
