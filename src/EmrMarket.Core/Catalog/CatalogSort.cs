namespace EmrMarket.Core.Catalog;

public enum CatalogSort
{
    Newest,
    PriceLowest,
    PriceHighest,
    MostPatients,
}
