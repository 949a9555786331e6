namespace Purl.Api.Client; public static class Marker {}
