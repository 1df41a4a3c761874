namespace Argus.Collect.Scrape;

public enum TargetHealth
{
    Unknown,
    Up,
    Down,
}
