using Microsoft.AspNetCore.Identity;

namespace Purl.Core.Identity;

public sealed class PurlUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}

public sealed class PurlRole : IdentityRole<Guid>
{
    public PurlRole() { }
    public PurlRole(string name) : base(name) { }
}
