using Purl.Core.Catalog;
using Purl.Core.Identity;

namespace Purl.Core.DemoData;

internal sealed partial class DemoWorld
{
    private void AddVendors()
    {
        var slugs = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _vendorCount; i++)
        {
            var (name, category, cityName) = i < DemoNames.Stores.Length
                ? DemoNames.Stores[i]
                : ($"{Pick(DemoNames.StorePrefixes)} {Pick(DemoNames.FirstNames)} {Pick(DemoNames.StoreSuffixes)}",
                   Pick(DemoCatalog.All).Category, DemoNames.PickCity(_random).Name);
            var catalog = DemoCatalog.All.First(c => c.Category.Id == category.Id);
            var city = DemoNames.CityNamed(cityName);
            var slug = VendorStores.Slugify(name);
            for (var n = 2; !slugs.Add(slug); n++)
                slug = $"{VendorStores.Slugify(name)}-{n}";

            var createdAt = Before(_now.AddDays(-30), days: 400);
            var email = i == 0 ? _options.VendorEmail : $"owner.{slug}@{EmailDomain}";
            var owner = AddUser(email, createdAt, $"+2547{_random.Next(10_000_000, 99_999_999):D8}", PurlRoles.Vendor);
            // Rank 1 is the most followed store; the demo login's store is rank 2, so it is busy but not the outlier.
            var rank = i switch { 0 => 2, 1 => 1, _ => i + 1 };
            _popularity.Add(1.0 / Math.Pow(rank, 1.1));

            var vendor = new Vendor
            {
                Id = Guid.CreateVersion7(createdAt),
                OwnerUserId = owner.Id,
                Name = name,
                Slug = slug,
                Description = $"{catalog.Category.Name} in {city.Name}. Lipa na M-Pesa, delivery countrywide.",
                LogoUrl = DemoNames.Tile(catalog.Colour, DemoNames.Initials(name)),
                City = city.Name,
                Latitude = Math.Round(city.Latitude + (_random.NextDouble() - 0.5) * 0.08, 6),
                Longitude = Math.Round(city.Longitude + (_random.NextDouble() - 0.5) * 0.08, 6),
                IsVerified = rank <= 5 || Chance(0.35),
                CreatedAt = createdAt,
            };
            _vendorIndex[vendor.Id] = Vendors.Count;
            Vendors.Add(vendor);
            _storeCatalog[vendor.Id] = catalog;
            _productsByVendor[vendor.Id] = [];
            _followersByVendor[vendor.Id] = [];
        }
    }

    private void AddProducts()
    {
        // Every store gets a few products; the rest go mostly to the popular ones.
        var shelf = _popularity.Select(Math.Sqrt).ToList();
        var shelfTotal = shelf.Sum();
        for (var i = 0; i < _productCount; i++)
        {
            var vendor = i < Vendors.Count * 5 ? Vendors[i % Vendors.Count] : Vendors[PickWeighted(shelf, shelfTotal)];
            AddProduct(vendor, i);
        }
    }

    private void AddProduct(Vendor vendor, int index)
    {
        var catalog = Chance(0.75) ? _storeCatalog[vendor.Id] : Pick(DemoCatalog.All);
        var template = Pick(catalog.Products);
        var createdAt = Between(vendor.CreatedAt, _now.AddHours(-1));
        var popularity = _popularity[_vendorIndex[vendor.Id]];
        var product = new Product
        {
            Id = Guid.CreateVersion7(createdAt),
            VendorId = vendor.Id,
            CategoryId = catalog.Category.Id,
            Name = ProductName(catalog, template),
            Description = DemoCatalog.Describe(template, vendor.City!, _random),
            Price = Kes(template.MinPrice + _random.NextDouble() * (template.MaxPrice - template.MinPrice)),
            Stock = Chance(0.05) ? 0 : (int)(1 + Math.Pow(_random.NextDouble(), 2) * 150),
            ViewCount = (long)(Math.Pow(_random.NextDouble(), 2) * 20_000 * (0.2 + popularity)),
            Rating = Math.Round(3.2 + _random.NextDouble() * 1.8, 1),
            ReviewCount = (int)(Math.Pow(_random.NextDouble(), 3) * 400),
            Tags = template.Tags.Concat(catalog.SwahiliTags).Append(vendor.City!.ToLowerInvariant()).Distinct().ToList(),
            Latitude = vendor.Latitude,
            Longitude = vendor.Longitude,
            IsActive = !Chance(0.03),
            IsPublished = !Chance(0.05),
            CreatedAt = createdAt,
            UpdatedAt = Between(createdAt, _now),
        };
        if (template.Variants != VariantKind.None && Chance(0.4))
            AddVariants(product, template.Variants, index);
        Products.Add(product);
        _productsByVendor[vendor.Id].Add(product);
    }

    private string ProductName(CategoryCatalog catalog, ProductTemplate template)
    {
        var id = catalog.Category.Id;
        var technical = id == BaseCategories.Phones.Id || id == BaseCategories.Electronics.Id || id == BaseCategories.Groceries.Id;
        var qualifier = technical ? "" : Pick(DemoCatalog.Qualifiers);
        var name = qualifier.Length == 0 ? template.Name : $"{qualifier} {char.ToLowerInvariant(template.Name[0])}{template.Name[1..]}";
        var colour = technical ? "" : Pick(DemoCatalog.Colours);
        return colour.Length == 0 ? name : $"{name}, {colour}";
    }

    private void AddVariants(Product product, VariantKind kind, int index)
    {
        (string Name, decimal PriceFactor)[] options = kind switch
        {
            VariantKind.ClothingSize => [("S", 1m), ("M", 1m), ("L", 1m), ("XL", 1.05m)],
            VariantKind.ShoeSize => [("38", 1m), ("39", 1m), ("40", 1m), ("41", 1m), ("42", 1m), ("43", 1m), ("44", 1m)],
            VariantKind.Storage => [("64 GB", 1m), ("128 GB", 1.15m), ("256 GB", 1.3m)],
            _ => [("Single", 1m), ("Pack of 3", 2.8m)],
        };
        product.Stock = 0;
        for (var n = 0; n < options.Length; n++)
        {
            var variant = new ProductVariant
            {
                Id = Guid.CreateVersion7(product.CreatedAt),
                ProductId = product.Id,
                Name = options[n].Name,
                Sku = $"DM{index:D6}-{n + 1}",
                Price = Kes((double)(product.Price * options[n].PriceFactor)),
                Stock = Chance(0.1) ? 0 : Between(1, 40),
                SortOrder = n,
            };
            product.Stock += variant.Stock;
            Variants.Add(variant);
            product.Variants.Add(variant);
        }
    }
}
