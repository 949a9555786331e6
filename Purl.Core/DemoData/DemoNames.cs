using Purl.Core.Catalog;

namespace Purl.Core.DemoData;

internal sealed record City(string Name, double Latitude, double Longitude, int Weight);

/// <summary>Kenyan places, people, stores and the way they post, for believable demo data.</summary>
internal static class DemoNames
{
    public static readonly City[] Cities =
    [
        new("Nairobi", -1.2864, 36.8172, 50),
        new("Mombasa", -4.0435, 39.6682, 15),
        new("Kisumu", -0.0917, 34.7680, 12),
        new("Nakuru", -0.3031, 36.0800, 12),
        new("Eldoret", 0.5143, 35.2698, 11),
    ];

    public static readonly string[] FirstNames =
    [
        "Wanjiru", "Achieng", "Kamau", "Otieno", "Njeri", "Mutua", "Wambui", "Kiprop", "Chebet", "Mwangi", "Akinyi",
        "Omondi", "Nyambura", "Kiptoo", "Atieno", "Baraka", "Fatuma", "Hassan", "Amina", "Juma", "Zawadi", "Imani",
        "Neema", "Brian", "Kevin", "Mercy", "Faith", "Grace", "Dennis", "Collins", "Sharon", "Cynthia", "Wafula", "Nekesa",
    ];

    public static readonly string[] LastNames =
    [
        "Kamau", "Otieno", "Mwangi", "Ochieng", "Kipchoge", "Wanjiku", "Mutua", "Njoroge", "Odhiambo", "Kiprono",
        "Chebet", "Mohamed", "Ali", "Wafula", "Barasa", "Kariuki", "Onyango", "Kilonzo", "Muthoni", "Rotich", "Were",
    ];

    /// <summary>Stores with a name, the category they mostly sell and where they are; the first one is the demo login's.</summary>
    public static readonly (string Name, Category Category, string City)[] Stores =
    [
        ("Mama Njeri Fashions", BaseCategories.Fashion, "Nairobi"),
        ("Nairobi Kicks", BaseCategories.Shoes, "Nairobi"),
        ("Luthuli Avenue Electronics", BaseCategories.Electronics, "Nairobi"),
        ("Sokoni Simu Centre", BaseCategories.Phones, "Nairobi"),
        ("Zuri Beauty Bar", BaseCategories.Beauty, "Nairobi"),
        ("Mombasa Spice House", BaseCategories.Groceries, "Mombasa"),
        ("Gikomba Mitumba Hub", BaseCategories.Fashion, "Nairobi"),
        ("Kisumu Lakeside Crafts", BaseCategories.Crafts, "Kisumu"),
        ("Ushanga Beadworks", BaseCategories.Jewellery, "Nairobi"),
        ("Bidii Home Essentials", BaseCategories.Home, "Nakuru"),
        ("Eldoret Highland Grocers", BaseCategories.Groceries, "Eldoret"),
        ("Toi Market Viatu", BaseCategories.Shoes, "Nairobi"),
        ("Swahili Pot Home", BaseCategories.Home, "Mombasa"),
        ("Kitenge Kingdom", BaseCategories.Fashion, "Kisumu"),
        ("Kadogo Mart", BaseCategories.Groceries, "Nairobi"),
        ("Pwani Kikoi & Kanga", BaseCategories.Fashion, "Mombasa"),
        ("Nakuru Phone Doctor", BaseCategories.Phones, "Nakuru"),
        ("Rift Valley Runners", BaseCategories.Sports, "Eldoret"),
        ("Watoto Wetu Toys", BaseCategories.Kids, "Nairobi"),
        ("Kisii Stone Gallery", BaseCategories.Crafts, "Kisumu"),
        ("Shea & Sheen Naturals", BaseCategories.Beauty, "Mombasa"),
        ("Jua Kali Jiko Works", BaseCategories.Home, "Nairobi"),
        ("Westlands Gadget Hub", BaseCategories.Electronics, "Nairobi"),
        ("Asali Safi Honey", BaseCategories.Groceries, "Eldoret"),
        ("Maasai Market Treasures", BaseCategories.Crafts, "Nairobi"),
        ("Dukawala Wa Kisumu", BaseCategories.Home, "Kisumu"),
        ("Nyali Boutique", BaseCategories.Fashion, "Mombasa"),
        ("Mji Wa Kamba Sandals", BaseCategories.Shoes, "Nakuru"),
        ("Harambee Sports Corner", BaseCategories.Sports, "Nairobi"),
        ("Kahawa Bora Roasters", BaseCategories.Groceries, "Nakuru"),
        ("Solar Mwangaza", BaseCategories.Electronics, "Kisumu"),
        ("Lamu Brass & Beads", BaseCategories.Jewellery, "Mombasa"),
        ("Ngara Wholesale Fashion", BaseCategories.Fashion, "Nairobi"),
        ("Kibanda cha Wanjiru", BaseCategories.Groceries, "Nairobi"),
        ("Eastleigh Textiles", BaseCategories.Fashion, "Nairobi"),
        ("Tuko Pamoja Phones", BaseCategories.Phones, "Eldoret"),
        ("Malaika Kids Wear", BaseCategories.Kids, "Nakuru"),
        ("Nywele Nzuri Salon Supplies", BaseCategories.Beauty, "Kisumu"),
        ("Kilimani Living", BaseCategories.Home, "Nairobi"),
        ("Omena Fresh Kisumu", BaseCategories.Groceries, "Kisumu"),
    ];

    /// <summary>Generated stores beyond the named ones, for large vendor counts.</summary>
    public static readonly string[] StorePrefixes = ["Duka la", "Kibanda cha", "Mama", "Baba"];
    public static readonly string[] StoreSuffixes = ["Enterprises", "Shop", "Traders", "Collections", "Store", "Mart"];

    public static readonly string[] Captions =
    [
        "Mzigo mpya umefika! New stock just landed 🔥",
        "Flash sale this Friday: 20% off everything. Usikose!",
        "Delivery countrywide. Lipa na M-Pesa ukipokea.",
        "Customer favourite, back in stock. Bei poa!",
        "Weekend offer: buy two, get free delivery within town.",
        "Handpicked for you this week. DM or order on Purl.",
        "Tumefungua mapema leo. Come through!",
        "Limited pieces. First come, first served.",
    ];

    public static readonly string[] Comments =
    [
        "Bei gani?", "Iko size 40?", "Delivery to Kisumu?", "Nice! 😍", "Niko interested.", "Mnapatikana wapi?",
        "Does it come in black?", "Ordered mine, can't wait!", "Quality iko sawa.", "Asante, nimepokea.",
    ];

    public static City CityNamed(string name) => Cities.First(c => c.Name == name);

    public static City PickCity(Random random)
    {
        var roll = random.Next(Cities.Sum(c => c.Weight));
        foreach (var city in Cities)
        {
            if (roll < city.Weight)
                return city;
            roll -= city.Weight;
        }
        return Cities[0];
    }

    /// <summary>A square tile in the store's colour with a short label (<see cref="Media.Tiles"/>).</summary>
    public static string Tile(string colour, string label) => Media.Tiles.UrlOf(colour, label);

    public static string Initials(string name) =>
        string.Concat(name.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => char.IsLetter(w[0])).Take(2).Select(w => char.ToUpperInvariant(w[0])));
}
