namespace Purl.Core.Analytics;

/// <summary>"Today" for Purl's figures is the Africa/Nairobi day (UTC+3, no daylight saving).</summary>
public static class NairobiTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Africa/Nairobi");

    public static DateOnly Day(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);
}
