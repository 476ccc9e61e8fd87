// What a hotel card on the extras page says besides its price: the guest rating in words, the
// free-cancellation terms, and which illustration it shows (views/partials/hotel-picture.ejs draws
// one per kind of area, decorative). From the catalogue's fields (migration 015); no prices here.
export type HotelCard = { rating: string; ratingWords: string; cancellation: string; refundable: boolean; picture: HotelPicture };

export const HOTEL_PICTURES = ['airport', 'old-town', 'waterfront', 'business', 'city'] as const;
export type HotelPicture = (typeof HOTEL_PICTURES)[number];

function ratingWords(tenths: number): string {
  if (tenths >= 90) return 'Exceptional';
  if (tenths >= 85) return 'Excellent';
  if (tenths >= 80) return 'Very good';
  if (tenths >= 70) return 'Good';
  return 'Pleasant';
}

/** The illustration of an area: the airport, an old town, water (waterfront, riverside, lake, beach, canals), offices, else a city street. */
export function pictureOf(area: string): HotelPicture {
  const a = area.toLowerCase();
  if (a.includes('airport')) return 'airport';
  if (a.includes('old town') || a.includes('left bank')) return 'old-town';
  if (/water|river|lake|beach|sea|canal/.test(a)) return 'waterfront';
  if (/business|trade fair|european quarter|financial/.test(a)) return 'business';
  return 'city';
}

export function hotelCard(hotel: { area: string; ratingTenths: number; freeCancelDays: number | null }): HotelCard {
  const days = hotel.freeCancelDays;
  return {
    rating: `${(hotel.ratingTenths / 10).toFixed(1)}/10`,
    ratingWords: ratingWords(hotel.ratingTenths),
    cancellation:
      days === null
        ? 'Not refundable once booked'
        : days === 0
          ? 'Free cancellation until the day of check-in'
          : `Free cancellation until ${days} day${days === 1 ? '' : 's'} before check-in`,
    refundable: days !== null,
    picture: pictureOf(hotel.area),
  };
}
