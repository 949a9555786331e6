namespace Purl.Web.Components.Shared;

public sealed record ChartPoint(string Label, double Value);
