using Purl.Core.Catalog;

namespace Purl.Core.DemoData;

internal enum VariantKind { None, ClothingSize, ShoeSize, Storage, Pack }

internal sealed record ProductTemplate(string Name, int MinPrice, int MaxPrice, string[] Tags, VariantKind Variants = VariantKind.None);

internal sealed record CategoryCatalog(Category Category, string[] SwahiliTags, string Colour, ProductTemplate[] Products);

/// <summary>What Kenyan stores sell, per base category, with prices in KES and tags in English and Swahili.</summary>
internal static class DemoCatalog
{
    public static readonly CategoryCatalog[] All =
    [
        new(BaseCategories.Fashion, ["nguo", "mavazi", "fashion"], "#8e44ad",
        [
            new("Ankara maxi dress", 1_800, 4_500, ["ankara", "dress", "rinda"], VariantKind.ClothingSize),
            new("Kitenge shirt", 1_200, 3_000, ["kitenge", "shirt", "shati"], VariantKind.ClothingSize),
            new("Maasai shuka", 800, 1_600, ["maasai", "shuka", "blanket"]),
            new("Kikoi beach wrap", 700, 1_500, ["kikoi", "beach", "pwani"]),
            new("Denim jacket (mitumba)", 900, 2_500, ["mitumba", "denim", "jacket"], VariantKind.ClothingSize),
            new("Linen kaftan", 2_000, 5_500, ["kaftan", "linen"], VariantKind.ClothingSize),
            new("Dera dress", 900, 2_200, ["dera", "dress", "pwani"], VariantKind.ClothingSize),
            new("Men's kanzu", 1_500, 3_500, ["kanzu", "men"], VariantKind.ClothingSize),
            new("Khanga pair", 600, 1_200, ["khanga", "kanga"]),
            new("Ankara bomber jacket", 2_500, 5_000, ["ankara", "jacket"], VariantKind.ClothingSize),
        ]),
        new(BaseCategories.Shoes, ["viatu", "shoes"], "#a0522d",
        [
            new("Leather sandals (Maasai beadwork)", 1_500, 3_500, ["sandals", "beadwork", "maasai", "ndala"], VariantKind.ShoeSize),
            new("Akala tyre sandals", 300, 800, ["akala", "sandals", "ndala"], VariantKind.ShoeSize),
            new("Safari desert boots", 3_500, 7_500, ["boots", "leather"], VariantKind.ShoeSize),
            new("Canvas sneakers", 1_200, 2_800, ["sneakers", "raba"], VariantKind.ShoeSize),
            new("Official leather shoes", 2_800, 6_500, ["official", "leather"], VariantKind.ShoeSize),
            new("Kids school shoes", 1_000, 2_200, ["school", "kids", "watoto"], VariantKind.ShoeSize),
            new("Open sports sandals", 800, 1_800, ["sandals", "sports"], VariantKind.ShoeSize),
        ]),
        new(BaseCategories.Electronics, ["elektroniki", "electronics"], "#2c3e50",
        [
            new("Solar lamp with phone charger", 1_500, 4_000, ["solar", "lamp", "taa"]),
            new("Bluetooth speaker", 1_800, 6_500, ["speaker", "bluetooth", "music"]),
            new("32-inch smart TV", 16_000, 24_000, ["tv", "smart tv", "runinga"]),
            new("Wireless earbuds", 1_200, 4_500, ["earbuds", "bluetooth"]),
            new("Solar home system 50 W", 9_000, 18_000, ["solar", "power", "umeme"]),
            new("Extension cable 4-way", 600, 1_500, ["extension", "cable"]),
            new("Rechargeable standing fan", 3_000, 6_500, ["fan", "rechargeable"]),
        ]),
        new(BaseCategories.Phones, ["simu", "phones"], "#16a085",
        [
            new("Tecno Spark 20", 14_000, 17_500, ["tecno", "smartphone", "simu"], VariantKind.Storage),
            new("Infinix Hot 40i", 13_000, 16_500, ["infinix", "smartphone", "simu"], VariantKind.Storage),
            new("Samsung Galaxy A15", 19_000, 24_000, ["samsung", "smartphone", "simu"], VariantKind.Storage),
            new("itel A70", 8_500, 10_500, ["itel", "smartphone", "simu"]),
            new("Nokia 105 feature phone", 2_200, 3_000, ["nokia", "kabambe", "simu"]),
            new("Power bank 20000 mAh", 1_800, 3_800, ["power bank", "charger"]),
            new("Phone case and screen protector", 400, 1_200, ["case", "protector"]),
        ]),
        new(BaseCategories.Beauty, ["urembo", "beauty"], "#d35400",
        [
            new("Shea butter 250 ml", 450, 1_100, ["shea", "skin care", "natural"]),
            new("Aloe vera gel 200 ml", 350, 900, ["aloe vera", "skin care"]),
            new("African black soap", 250, 700, ["soap", "sabuni", "natural"]),
            new("Virgin coconut oil 500 ml", 600, 1_400, ["coconut", "hair", "nywele"]),
            new("Darling braids pack", 300, 900, ["braids", "hair", "nywele"], VariantKind.Pack),
            new("Baobab face oil 30 ml", 900, 2_200, ["baobab", "face oil"]),
        ]),
        new(BaseCategories.Home, ["nyumbani", "vyombo", "home"], "#7f8c8d",
        [
            new("Jiko charcoal stove", 800, 2_500, ["jiko", "cooking", "mkaa"]),
            new("Kiondo sisal basket", 900, 2_800, ["kiondo", "basket", "sisal"]),
            new("Sufuria set (5 pieces)", 1_800, 4_500, ["sufuria", "cooking", "vyombo"]),
            new("Vacuum flask 2 L", 700, 1_800, ["thermos", "chai"]),
            new("Mosquito net (double bed)", 600, 1_500, ["chandarua", "net"]),
            new("Wooden mwiko set", 250, 700, ["mwiko", "wooden", "cooking"]),
            new("Woven sisal table mats (6)", 700, 1_600, ["sisal", "table"]),
        ]),
        new(BaseCategories.Groceries, ["chakula", "sokoni", "groceries"], "#27ae60",
        [
            new("Pishori rice 5 kg", 1_100, 1_600, ["rice", "mchele", "pishori"], VariantKind.Pack),
            new("Maize flour (unga) 2 kg", 170, 260, ["unga", "ugali"], VariantKind.Pack),
            new("Kenya AA coffee 250 g", 600, 1_400, ["coffee", "kahawa"]),
            new("Kericho tea leaves 500 g", 250, 600, ["tea", "chai", "majani"]),
            new("Raw honey 1 kg", 700, 1_500, ["honey", "asali"]),
            new("Macadamia nuts 500 g", 700, 1_600, ["macadamia", "nuts"]),
            new("Chai masala 100 g", 150, 400, ["masala", "chai", "spices"]),
            new("Dried omena 1 kg", 400, 900, ["omena", "fish", "samaki"]),
        ]),
        new(BaseCategories.Kids, ["watoto", "kids"], "#e67e22",
        [
            new("Toy matatu (wooden)", 500, 1_500, ["toy", "matatu", "wooden"]),
            new("School uniform set", 1_500, 3_000, ["uniform", "school"], VariantKind.ClothingSize),
            new("Baby carrier kanga", 600, 1_400, ["baby", "kanga"]),
            new("Swahili picture book", 350, 900, ["book", "kitabu", "swahili"]),
        ]),
        new(BaseCategories.Sports, ["michezo", "sports"], "#2980b9",
        [
            new("Harambee Stars replica jersey", 1_500, 3_500, ["jersey", "football", "kandanda"], VariantKind.ClothingSize),
            new("Size 5 football", 900, 2_500, ["football", "mpira"]),
            new("Yoga mat", 1_200, 2_800, ["yoga", "fitness"]),
            new("Skipping rope", 250, 700, ["fitness", "rope"]),
        ]),
        new(BaseCategories.Crafts, ["sanaa", "kazi ya mikono", "crafts"], "#c0392b",
        [
            new("Kisii soapstone carving", 800, 4_000, ["soapstone", "kisii", "carving"]),
            new("Makonde ebony sculpture", 2_500, 9_000, ["makonde", "carving", "ebony"]),
            new("Tinga Tinga painting", 1_500, 6_000, ["painting", "tinga tinga", "art"]),
            new("Batik wall hanging", 900, 3_000, ["batik", "art"]),
            new("Sisal bag with leather straps", 1_200, 3_500, ["sisal", "bag", "kiondo"]),
        ]),
        new(BaseCategories.Jewellery, ["shanga", "urembo", "jewellery"], "#b7950b",
        [
            new("Maasai beaded necklace", 500, 2_000, ["beadwork", "shanga", "maasai"]),
            new("Brass spiral earrings", 400, 1_200, ["brass", "earrings", "herini"]),
            new("Beaded bracelet set", 300, 900, ["beadwork", "bracelet", "shanga"]),
            new("Cow-bone bangle", 350, 1_000, ["bone", "bangle"]),
        ]),
    ];

    public static readonly string[] Qualifiers = ["", "", "", "Handmade", "Premium", "Classic", "New", "Original", "Quality"];

    public static readonly string[] Colours = ["", "", "black", "red", "blue", "green", "yellow", "brown", "multicolour"];

    public static string Describe(ProductTemplate template, string city, Random random) =>
        random.Next(4) switch
        {
            0 => $"{template.Name} from {city}. Pay with M-Pesa on delivery.",
            1 => $"Quality {template.Name.ToLowerInvariant()}, delivered within {city} the same day. Bei poa!",
            2 => $"Popular with our customers. Delivery countrywide via matatu parcel or G4S.",
            _ => $"Stock ya kutosha. Order today, collect at our shop in {city} or get it delivered.",
        };
}
