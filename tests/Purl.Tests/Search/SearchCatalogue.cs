using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Purl.Core.Catalog;
using Purl.Core.Data;
using Purl.Core.Identity;

namespace Purl.Tests.Search;

/// <summary>
/// A small, fixed Kenyan marketplace for the search tests (not the random demo data, so that results are stable): a dozen
/// stores in five cities and some sixty products with English and Swahili tags, plus products that must never be found
/// (unpublished, inactive, or in a closed store). Products are named by key (<c>"S1"</c>, <c>"P5"</c>, …).
/// </summary>
public sealed class SearchCatalogue
{
    public sealed record Store(string Key, string Name, string City, double Lat, double Lng, bool Verified, bool Active = true);

    /// <param name="Views">Drives popularity, the last tie-breaker.</param>
    public sealed record Item(
        string Key, string Store, Category Category, string Name, decimal Price, string[] Tags, double Rating, long Views = 100,
        int Stock = 10, string? Description = null, bool Published = true, bool Active = true);

    public static readonly (double Lat, double Lng) NairobiCbd = (-1.2864, 36.8172);
    public static readonly (double Lat, double Lng) MombasaCentre = (-4.0435, 39.6682);

    public static readonly Store[] Stores =
    [
        new("V1", "Nairobi Shoe Palace", "Nairobi", -1.2833, 36.8219, true),
        new("V2", "Bata Kenya", "Nairobi", -1.2841, 36.8233, true),
        new("V3", "Mombasa Kicks", "Mombasa", -4.0435, 39.6682, false),
        new("V4", "Simu Hub Kisumu", "Kisumu", -0.0917, 34.7680, true),
        new("V5", "Gikomba Mitumba Deals", "Nairobi", -1.2762, 36.8371, false),
        new("V6", "Maasai Market Crafts", "Nairobi", -1.2921, 36.8219, true),
        new("V7", "Tecno Store Westlands", "Nairobi", -1.2676, 36.8108, true),
        new("V8", "Pwani Fashion House", "Mombasa", -4.0547, 39.6636, true),
        new("V9", "Nakuru Home & Kitchen", "Nakuru", -0.3031, 36.0800, false),
        new("V10", "Eldoret Fresh Groceries", "Eldoret", 0.5143, 35.2698, false),
        new("V11", "Urembo Beauty Bar", "Nairobi", -1.2630, 36.8030, false),
        new("V12", "Closed Shoe Shop", "Nairobi", -1.2850, 36.8200, false, Active: false),
    ];

    public static readonly Item[] Items =
    [
        // Shoes
        new("S1", "V1", BaseCategories.Shoes, "Men's official leather shoes", 4_500, ["official", "leather", "viatu", "shoes"], 4.6, 900),
        new("S2", "V3", BaseCategories.Shoes, "Canvas sneakers", 1_800, ["sneakers", "raba", "viatu"], 4.2, 700),
        new("S3", "V5", BaseCategories.Shoes, "Akala tyre sandals", 450, ["akala", "sandals", "ndala", "viatu"], 4.0, 400),
        new("S4", "V2", BaseCategories.Shoes, "Kids school shoes", 1_500, ["school", "kids", "watoto", "viatu"], 4.4, 800),
        new("S5", "V1", BaseCategories.Shoes, "Ladies high heels", 3_200, ["heels", "ladies", "viatu"], 4.1, 300, Stock: 0),
        new("S6", "V2", BaseCategories.Shoes, "Safari desert boots", 6_500, ["boots", "leather", "viatu"], 4.8, 500),
        new("S7", "V3", BaseCategories.Shoes, "Nike Air Zoom running shoes", 9_500, ["nike", "running", "sports", "viatu"], 4.5, 1_200),
        new("S8", "V6", BaseCategories.Shoes, "Maasai beaded sandals", 2_200, ["sandals", "beadwork", "maasai", "ndala"], 4.3, 350),
        // Phones
        new("P1", "V7", BaseCategories.Phones, "Tecno Spark 20 128GB", 16_500, ["tecno", "smartphone", "simu"], 4.5, 2_000),
        new("P2", "V7", BaseCategories.Phones, "Tecno Camon 30", 28_999, ["tecno", "smartphone", "camera", "simu"], 4.4, 1_500),
        new("P3", "V4", BaseCategories.Phones, "Infinix Hot 40i", 14_500, ["infinix", "smartphone", "simu"], 4.3, 1_800),
        new("P4", "V4", BaseCategories.Phones, "Infinix Note 40 Pro", 27_000, ["infinix", "smartphone", "simu"], 4.2, 900),
        new("P5", "V4", BaseCategories.Phones, "Samsung Galaxy A15", 21_500, ["samsung", "smartphone", "simu"], 4.6, 2_500),
        new("P6", "V7", BaseCategories.Phones, "Samsung Galaxy S23 Ultra", 135_000, ["samsung", "smartphone", "flagship", "simu"], 4.8, 700),
        new("P7", "V4", BaseCategories.Phones, "itel A70", 9_200, ["itel", "smartphone", "simu"], 4.0, 1_100),
        new("P8", "V4", BaseCategories.Phones, "Nokia 105 feature phone", 2_600, ["nokia", "kabambe", "simu"], 4.1, 600),
        new("P9", "V7", BaseCategories.Phones, "iPhone 13 128GB (ex-UK)", 65_000, ["iphone", "apple", "simu"], 4.4, 1_300),
        new("P10", "V4", BaseCategories.Phones, "Power bank 20000 mAh", 2_800, ["power bank", "charger"], 4.2, 800),
        new("P11", "V7", BaseCategories.Phones, "Samsung phone charger 25W", 1_800, ["charger", "samsung", "adapter"], 4.1, 400),
        new("P12", "V7", BaseCategories.Phones, "Tecno phone case", 500, ["case", "cover", "tecno"], 3.9, 300),
        // Electronics
        new("E1", "V9", BaseCategories.Electronics, "Solar lamp with phone charger", 2_500, ["solar", "lamp", "taa"], 4.3, 500),
        new("E2", "V7", BaseCategories.Electronics, "Samsung 43-inch smart TV", 38_000, ["tv", "smart tv", "runinga", "samsung"], 4.5, 900),
        new("E3", "V4", BaseCategories.Electronics, "JBL Go 3 Bluetooth speaker", 5_500, ["speaker", "bluetooth", "jbl", "music"], 4.6, 700),
        new("E4", "V4", BaseCategories.Electronics, "Wireless earbuds", 2_400, ["earbuds", "bluetooth"], 4.0, 650),
        new("E5", "V9", BaseCategories.Electronics, "Rechargeable standing fan", 4_800, ["fan", "rechargeable"], 4.1, 300),
        // Fashion
        new("F1", "V8", BaseCategories.Fashion, "Ankara maxi dress", 3_500, ["ankara", "dress", "rinda"], 4.7, 900),
        new("F2", "V8", BaseCategories.Fashion, "Kitenge shirt", 2_200, ["kitenge", "shirt", "shati"], 4.4, 600),
        new("F3", "V5", BaseCategories.Fashion, "Denim jacket (mitumba)", 1_200, ["mitumba", "denim", "jacket"], 4.0, 500),
        new("F4", "V6", BaseCategories.Fashion, "Maasai shuka blanket", 1_400, ["maasai", "shuka", "blanket"], 4.5, 450),
        new("F5", "V8", BaseCategories.Fashion, "Kikoi beach wrap", 1_100, ["kikoi", "beach", "pwani"], 4.2, 300),
        new("F6", "V8", BaseCategories.Fashion, "Men's kanzu", 2_800, ["kanzu", "men"], 4.3, 250),
        new("F7", "V8", BaseCategories.Fashion, "Khanga pair", 900, ["khanga"], 4.1, 200),
        // Home
        new("H1", "V9", BaseCategories.Home, "Jiko charcoal stove", 1_500, ["jiko", "cooking", "mkaa"], 4.2, 400),
        new("H2", "V9", BaseCategories.Home, "Sufuria set (5 pieces)", 3_800, ["sufuria", "cooking", "vyombo"], 4.4, 350),
        new("H3", "V9", BaseCategories.Home, "Vacuum flask 2 L", 1_300, ["thermos", "chai"], 4.0, 300),
        new("H4", "V9", BaseCategories.Home, "Mosquito net (double bed)", 950, ["chandarua", "net"], 4.3, 280),
        new("H5", "V6", BaseCategories.Home, "Kiondo sisal basket", 1_900, ["kiondo", "basket", "sisal"], 4.6, 320),
        new("H6", "V9", BaseCategories.Home, "Mkeka mat <script>alert('x')</script> & \"Jamvi\"", 700, ["mkeka"], 3.8, 50),
        // Groceries
        new("G1", "V10", BaseCategories.Groceries, "Pishori rice 5 kg", 1_350, ["rice", "mchele", "pishori"], 4.5, 700),
        new("G2", "V10", BaseCategories.Groceries, "Maize flour (unga) 2 kg", 210, ["unga", "ugali", "flour"], 4.3, 900),
        new("G3", "V10", BaseCategories.Groceries, "Kenya AA coffee 250 g", 950, ["coffee", "kahawa"], 4.7, 500),
        new("G4", "V10", BaseCategories.Groceries, "Kericho tea leaves 500 g", 420, ["tea", "chai", "majani"], 4.4, 650),
        new("G5", "V10", BaseCategories.Groceries, "Raw honey 1 kg", 1_100, ["honey", "asali"], 4.6, 400),
        new("G6", "V10", BaseCategories.Groceries, "Dried omena 1 kg", 650, ["omena", "fish", "samaki"], 4.0, 300),
        // Beauty
        new("B1", "V11", BaseCategories.Beauty, "Shea butter 250 ml", 750, ["shea", "skin care", "natural"], 4.5, 450),
        new("B2", "V11", BaseCategories.Beauty, "African black soap", 450, ["soap", "sabuni", "natural"], 4.3, 400),
        new("B3", "V11", BaseCategories.Beauty, "Virgin coconut oil 500 ml", 950, ["coconut", "hair", "nywele"], 4.4, 380),
        new("B4", "V11", BaseCategories.Beauty, "Darling braids pack", 600, ["braids", "hair", "nywele"], 4.2, 500),
        // Crafts and jewellery
        new("C1", "V6", BaseCategories.Jewellery, "Maasai beaded necklace", 1_200, ["beadwork", "shanga", "maasai"], 4.6, 600),
        new("C2", "V6", BaseCategories.Crafts, "Kisii soapstone carving", 2_500, ["soapstone", "kisii", "carving"], 4.5, 300),
        new("C3", "V6", BaseCategories.Crafts, "Tinga Tinga painting", 4_500, ["painting", "tinga tinga", "art"], 4.4, 250),
        // Sports and kids
        new("K1", "V3", BaseCategories.Sports, "Harambee Stars replica jersey", 2_500, ["jersey", "football", "kandanda"], 4.3, 500),
        new("K2", "V3", BaseCategories.Sports, "Size 5 football", 1_500, ["football", "mpira"], 4.1, 450),
        new("K3", "V6", BaseCategories.Kids, "Toy matatu (wooden)", 900, ["toy", "matatu", "wooden"], 4.5, 350),
        new("K4", "V6", BaseCategories.Kids, "Swahili picture book", 550, ["book", "kitabu", "swahili"], 4.4, 200),
        // Never to be found.
        new("X1", "V7", BaseCategories.Phones, "Tecno Spark 10 (discontinued)", 9_000, ["tecno", "simu"], 4.9, 9_000, Published: false),
        new("X2", "V1", BaseCategories.Shoes, "Inactive leather shoes", 400, ["leather", "viatu"], 5.0, 9_000, Active: false),
        new("X3", "V12", BaseCategories.Shoes, "Leather shoes clearance", 300, ["leather", "viatu"], 5.0, 9_000),
    ];

    private SearchCatalogue(IReadOnlyDictionary<string, Guid> products, IReadOnlyDictionary<string, Guid> stores) =>
        (Products, Stores_) = (products, stores);

    public IReadOnlyDictionary<string, Guid> Products { get; }
    private IReadOnlyDictionary<string, Guid> Stores_ { get; }

    public Guid Id(string key) => Products[key];
    public Guid StoreId(string key) => Stores_[key];
    public string Key(Guid id) => Products.Single(p => p.Value == id).Key;
    public static Item ItemOf(string key) => Items.Single(i => i.Key == key);

    public static async Task<SearchCatalogue> SeedAsync(PurlDbContext db, CancellationToken ct)
    {
        var now = DateTimeOffset.UtcNow;
        var vendorRole = (await db.Roles.SingleAsync(r => r.Name == PurlRoles.Vendor, ct)).Id;
        var stores = new Dictionary<string, Guid>();
        foreach (var s in Stores)
        {
            var email = $"{s.Key.ToLowerInvariant()}.{Guid.NewGuid():N}@search.test";
            var owner = new PurlUser
            {
                Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString("N"),
            };
            db.Users.Add(owner);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = owner.Id, RoleId = vendorRole });
            var vendor = new Vendor
            {
                OwnerUserId = owner.Id, Name = s.Name, Slug = VendorStores.Slugify(s.Name) + "-" + s.Key.ToLowerInvariant(),
                City = s.City, Latitude = s.Lat, Longitude = s.Lng, IsVerified = s.Verified, IsActive = s.Active,
                Description = $"{s.Name}, {s.City}.", LogoUrl = $"/media/{s.Key.ToLowerInvariant()}.png",
            };
            db.Vendors.Add(vendor);
            stores[s.Key] = vendor.Id;
        }

        var products = new Dictionary<string, Guid>();
        foreach (var (i, n) in Items.Select((item, n) => (item, n)))
        {
            var store = Stores.Single(s => s.Key == i.Store);
            var product = new Product
            {
                VendorId = stores[i.Store], CategoryId = i.Category.Id, Name = i.Name, Price = i.Price, Stock = i.Stock,
                Rating = i.Rating, ViewCount = i.Views, ReviewCount = 10, Tags = [.. i.Tags, store.City.ToLowerInvariant()],
                Description = i.Description ?? $"{i.Name} from {store.City}. Pay with M-Pesa on delivery.",
                Latitude = store.Lat, Longitude = store.Lng, IsPublished = i.Published, IsActive = i.Active,
                CreatedAt = now.AddHours(-n), UpdatedAt = now, // the first item is the newest
            };
            db.Products.Add(product);
            products[i.Key] = product.Id;
        }
        await db.SaveChangesAsync(ct);
        return new SearchCatalogue(products, stores);
    }
}
