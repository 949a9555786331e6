namespace Purl.Core.Catalog;

/// <summary>
/// The categories every database starts with (seeded by the initial migration). Their ids are fixed so that
/// demo data, tests and links can name them.
/// </summary>
public static class BaseCategories
{
    public static readonly Category Fashion = New("0196a000-0000-7000-8000-000000000001", "fashion", "Fashion", 1);
    public static readonly Category Shoes = New("0196a000-0000-7000-8000-000000000002", "shoes", "Shoes", 2);
    public static readonly Category Electronics = New("0196a000-0000-7000-8000-000000000003", "electronics", "Electronics", 3);
    public static readonly Category Beauty = New("0196a000-0000-7000-8000-000000000004", "beauty", "Beauty", 4);
    public static readonly Category Home = New("0196a000-0000-7000-8000-000000000005", "home", "Home", 5);
    public static readonly Category Groceries = New("0196a000-0000-7000-8000-000000000006", "groceries", "Groceries", 6);
    public static readonly Category Phones = New("0196a000-0000-7000-8000-000000000007", "phones", "Phones & Tablets", 7);
    public static readonly Category Kids = New("0196a000-0000-7000-8000-000000000008", "kids", "Kids & Baby", 8);
    public static readonly Category Sports = New("0196a000-0000-7000-8000-000000000009", "sports", "Sports & Fitness", 9);
    public static readonly Category Crafts = New("0196a000-0000-7000-8000-00000000000a", "crafts", "Crafts & Art", 10);
    public static readonly Category Jewellery = New("0196a000-0000-7000-8000-00000000000b", "jewellery", "Jewellery & Accessories", 11);

    public static IReadOnlyList<Category> All { get; } =
        [Fashion, Shoes, Electronics, Beauty, Home, Groceries, Phones, Kids, Sports, Crafts, Jewellery];

    private static Category New(string id, string slug, string name, int sortOrder) =>
        new() { Id = Guid.Parse(id), Slug = slug, Name = name, SortOrder = sortOrder };
}
