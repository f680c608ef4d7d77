namespace EmrMarket.Fhir.Synthetic.Internal;

/// <summary>
/// Demographic proportions close to the 2020 US census (race alone, Hispanic origin, age structure) and real
/// three-digit ZIP prefixes, including the ones HIPAA Safe Harbor restricts (population under 20,000).
/// </summary>
internal static class Census
{
    public static readonly (Coding Race, double Weight)[] Races =
    [
        (new("2106-3", "White"), 61.6), (new("2054-5", "Black or African American"), 12.4), (new("2028-9", "Asian"), 6.0),
        (new("1002-5", "American Indian or Alaska Native"), 1.1), (new("2076-8", "Native Hawaiian or Other Pacific Islander"), 0.2),
        (new("2131-1", "Other Race"), 18.7),
    ];

    public static readonly Coding Hispanic = new("2135-2", "Hispanic or Latino");
    public static readonly Coding NotHispanic = new("2186-5", "Not Hispanic or Latino");
    public const double HispanicShare = 0.187;

    /// <summary>Age bands (from, to exclusive) with their share of the population.</summary>
    public static readonly ((int From, int To) Band, double Weight)[] Ages =
    [
        ((0, 5), 5.7), ((5, 18), 16.4), ((18, 25), 9.3), ((25, 35), 13.6), ((35, 45), 12.9), ((45, 55), 12.4),
        ((55, 65), 12.9), ((65, 75), 10.0), ((75, 85), 4.9), ((85, 100), 1.9),
    ];

    /// <summary>ZIP3 prefix, state, a city in it, and a weight; the restricted prefixes carry small weights.</summary>
    public static readonly ((string Zip3, string State, string City) Area, double Weight)[] Areas =
    [
        (("100", "NY", "New York"), 6), (("112", "NY", "Brooklyn"), 6), (("021", "MA", "Boston"), 4), (("606", "IL", "Chicago"), 6),
        (("900", "CA", "Los Angeles"), 7), (("941", "CA", "San Francisco"), 4), (("770", "TX", "Houston"), 6), (("787", "TX", "Austin"), 3),
        (("331", "FL", "Miami"), 5), (("303", "GA", "Atlanta"), 4), (("191", "PA", "Philadelphia"), 4), (("481", "MI", "Detroit"), 3),
        (("981", "WA", "Seattle"), 3), (("802", "CO", "Denver"), 3), (("850", "AZ", "Phoenix"), 4), (("372", "TN", "Nashville"), 2),
        (("432", "OH", "Columbus"), 3), (("554", "MN", "Minneapolis"), 2), (("282", "NC", "Charlotte"), 3), (("972", "OR", "Portland"), 2),
        (("036", "NH", "Claremont"), 0.2), (("059", "VT", "Island Pond"), 0.2), (("063", "CT", "New London"), 0.2), (("102", "NY", "New York"), 0.2),
        (("203", "DC", "Washington"), 0.2), (("556", "MN", "Grand Marais"), 0.2), (("692", "NE", "Valentine"), 0.2), (("790", "TX", "Amarillo"), 0.2),
        (("821", "WY", "Yellowstone"), 0.2), (("823", "WY", "Rawlins"), 0.2), (("830", "WY", "Jackson"), 0.2), (("831", "WY", "Pinedale"), 0.2),
        (("878", "NM", "Socorro"), 0.2), (("879", "NM", "Truth or Consequences"), 0.2), (("884", "NM", "Tucumcari"), 0.2),
        (("890", "NV", "Las Vegas"), 0.2), (("893", "NV", "Ely"), 0.2),
    ];

    public static readonly string[] FemaleNames =
        ["Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica", "Sarah", "Karen", "Maria", "Ana", "Mei", "Aisha", "Priya", "Olivia", "Emma", "Sofia", "Grace", "Chloe"];

    public static readonly string[] MaleNames =
        ["James", "Robert", "John", "Michael", "David", "William", "Richard", "Joseph", "Thomas", "Carlos", "Juan", "Wei", "Omar", "Raj", "Liam", "Noah", "Ethan", "Lucas", "Mateo", "Daniel"];

    public static readonly string[] FamilyNames =
        ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Hernandez", "Lopez", "Nguyen", "Kim", "Patel", "Chen", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Lee", "Okafor", "Cohen"];

    public static readonly string[] Streets =
        ["Main St", "Oak Ave", "Maple Dr", "Cedar Ln", "Elm St", "Washington Blvd", "Lake Rd", "Hill St", "Park Ave", "River Rd", "Pine St", "Sunset Blvd"];
}
