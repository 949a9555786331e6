namespace Purl.Emulators.Fcm;

/// <summary>FCM HTTP v1's path, as under https://fcm.googleapis.com. Tests use these too.</summary>
public static class FcmRoutes
{
    public const string Send = "/v1/projects/{project}/messages:send";

    public static string SendPath(string project) => $"/v1/projects/{Uri.EscapeDataString(project)}/messages:send";
}
