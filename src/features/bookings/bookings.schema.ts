// The hotel form on the confirmation page. The shape is checked here; which hotels, how many nights
// and rooms are allowed depends on the booking and is checked by addHotelToBooking.
import { z } from 'zod';

const wholeNumber = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .regex(/^\d{1,3}$/, message)
    .transform(Number);

export const AddHotelSchema = z.object({
  hotel: wholeNumber('Choose a hotel'),
  nights: wholeNumber('Choose how many nights'),
  rooms: wholeNumber('Choose how many rooms'),
});
export type AddHotelForm = z.infer<typeof AddHotelSchema>;
