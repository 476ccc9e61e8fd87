// Examples of the API reference (/docs/api and the OpenAPI document): real answers of a server started
// with DEMO_SEED=20261127 and DEMO_NOW=2026-11-27T09:00:00Z, trimmed where a list is long.
// test/api/openapi.test.ts parses each with its schema, so they cannot drift from the API.

/** GET /flights?from=DUB&to=LIS&depart=2026-12-10&adults=1 (the first flight and two of its fares) */
export const FLIGHT_SEARCH = {
  search: {
    from: 'DUB',
    to: 'LIS',
    depart: '2026-12-10',
    return: null,
    adults: 1,
    children: 0,
    infants: 0
  },
  directions: [
    {
      direction: 'outbound',
      date: '2026-12-10',
      from: {
        code: 'DUB',
        name: 'Dublin Airport',
        city: 'Dublin',
        country: 'Ireland',
        timeZone: 'Europe/Dublin'
      },
      to: {
        code: 'LIS',
        name: 'Humberto Delgado Airport',
        city: 'Lisbon',
        country: 'Portugal',
        timeZone: 'Europe/Lisbon'
      },
      bagFee: {
        online: {
          amountMinor: 3500,
          currency: 'EUR'
        },
        airport: {
          amountMinor: 6000,
          currency: 'EUR'
        }
      },
      flights: [
        {
          id: 2322,
          flightNumber: 'SX160',
          origin: 'DUB',
          destination: 'LIS',
          departureDate: '2026-12-10',
          departsAt: '2026-12-10T06:55:00.000Z',
          arrivesAt: '2026-12-10T09:30:00.000Z',
          durationMin: 155,
          distanceKm: 1643,
          aircraft: {
            code: 'A320',
            name: 'Airbus A320neo'
          },
          fares: [
            {
              fareId: 7199,
              family: {
                code: 'basic',
                name: 'Basic',
                rank: 1,
                cabin: 'economy',
                cabinBag: 'Small bag (40×30×20 cm) under the seat',
                checkedBags: 0,
                checkedBagKg: 0,
                seatChoice: 'paid',
                changes: 'Not allowed',
                refund: 'Not refundable',
                priority: false
              },
              seatsLeft: 33,
              price: {
                adult: {
                  amountMinor: 19100,
                  currency: 'EUR'
                },
                child: {
                  amountMinor: 14300,
                  currency: 'EUR'
                },
                infant: {
                  amountMinor: 2000,
                  currency: 'EUR'
                },
                taxesPerSeatedPassenger: {
                  amountMinor: 2000,
                  currency: 'EUR'
                },
                taxesPerInfant: {
                  amountMinor: 1000,
                  currency: 'EUR'
                },
                perAdultAllIn: {
                  amountMinor: 21100,
                  currency: 'EUR'
                },
                total: {
                  amountMinor: 21100,
                  currency: 'EUR'
                }
              },
              upsell: null
            },
            {
              fareId: 7200,
              family: {
                code: 'standard',
                name: 'Standard',
                rank: 2,
                cabin: 'economy',
                cabinBag: 'Small bag (40×30×20 cm) + 10 kg cabin bag',
                checkedBags: 1,
                checkedBagKg: 23,
                seatChoice: 'standard',
                changes: 'Change fee €50 per flight',
                refund: 'Not refundable',
                priority: false
              },
              seatsLeft: 24,
              price: {
                adult: {
                  amountMinor: 23600,
                  currency: 'EUR'
                },
                child: {
                  amountMinor: 17700,
                  currency: 'EUR'
                },
                infant: {
                  amountMinor: 2400,
                  currency: 'EUR'
                },
                taxesPerSeatedPassenger: {
                  amountMinor: 2000,
                  currency: 'EUR'
                },
                taxesPerInfant: {
                  amountMinor: 1000,
                  currency: 'EUR'
                },
                perAdultAllIn: {
                  amountMinor: 25600,
                  currency: 'EUR'
                },
                total: {
                  amountMinor: 25600,
                  currency: 'EUR'
                }
              },
              upsell: {
                offerCode: 'FARE_STANDARD',
                kind: 'upsell',
                category: 'fare',
                placement: 'results',
                price: {
                  amountMinor: 4500,
                  currency: 'EUR'
                }
              }
            }
          ]
        }
      ],
      nearestDays: []
    }
  ]
};

/** GET /checkouts/{id} after the passengers and a seat */
export const CHECKOUT = {
  id: 'SeM8TnC9RsJiPWqh4OnOPA',
  status: 'open',
  bookingReference: null,
  tripType: 'one_way',
  createdAt: '2026-11-27T09:04:25.785Z',
  updatedAt: '2026-11-27T09:04:25.813Z',
  expiresAt: '2026-11-27T12:04:25.785Z',
  party: {
    adults: 1,
    children: 0,
    infants: 0
  },
  contact: {
    email: 'ada@example.com',
    phone: '+353 1 555 0100'
  },
  steps: [
    {
      key: 'flights',
      status: 'complete'
    },
    {
      key: 'passengers',
      status: 'complete'
    },
    {
      key: 'seats',
      status: 'complete'
    },
    {
      key: 'extras',
      status: 'optional'
    },
    {
      key: 'review',
      status: 'to_do'
    }
  ],
  nextStep: 'review',
  flights: [
    {
      direction: 'outbound',
      flightId: 2322,
      flightNumber: 'SX160',
      origin: 'DUB',
      destination: 'LIS',
      departureDate: '2026-12-10',
      departsAt: '2026-12-10T06:55:00.000Z',
      arrivesAt: '2026-12-10T09:30:00.000Z',
      aircraftCode: 'A320',
      fareId: 7199,
      family: {
        code: 'basic',
        name: 'Basic'
      },
      cabin: 'economy'
    }
  ],
  passengers: [
    {
      idx: 1,
      type: 'adult',
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: null
    }
  ],
  selections: {
    seats: [
      {
        passengerIdx: 1,
        direction: 'outbound',
        flightId: 2322,
        seat: '6E',
        price: {
          amountMinor: 1200,
          currency: 'EUR'
        },
        status: 'held',
        heldUntil: '2026-11-27T09:19:25.813Z'
      }
    ],
    extras: {
      bags: [],
      priority: [],
      upgrades: [],
      hotel: null,
      insurance: null
    }
  },
  price: {
    lines: [
      {
        key: 'fare:outbound:adult',
        group: 'fares',
        kind: 'fare',
        category: 'fare',
        offerCode: null,
        description: 'Outbound DUB–LIS, Basic: 1 adult',
        passengerIdx: null,
        direction: 'outbound',
        quantity: 1,
        unit: {
          amountMinor: 19100,
          currency: 'EUR'
        },
        total: {
          amountMinor: 19100,
          currency: 'EUR'
        }
      },
      {
        key: 'tax:outbound:seated',
        group: 'taxes',
        kind: 'tax',
        category: 'tax',
        offerCode: null,
        description: 'Outbound taxes and airport fees: 1 × seated passenger',
        passengerIdx: null,
        direction: 'outbound',
        quantity: 1,
        unit: {
          amountMinor: 2000,
          currency: 'EUR'
        },
        total: {
          amountMinor: 2000,
          currency: 'EUR'
        }
      },
      {
        key: 'seat:p1:outbound',
        group: 'seats',
        kind: 'upsell',
        category: 'seat',
        offerCode: 'SEAT_STANDARD',
        description: 'Seat 6E, standard, Ada Lovelace, outbound',
        passengerIdx: 1,
        direction: 'outbound',
        quantity: 1,
        unit: {
          amountMinor: 1200,
          currency: 'EUR'
        },
        total: {
          amountMinor: 1200,
          currency: 'EUR'
        }
      }
    ],
    total: {
      amountMinor: 22300,
      currency: 'EUR'
    }
  },
  links: {
    self: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA',
    passengers: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/passengers',
    seatMaps: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/seat-maps',
    seats: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/seats',
    offers: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/offers',
    extras: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/extras',
    payment: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/payment',
    booking: null
  }
};

/** GET /checkouts/{id}/seat-maps (one row of the cabin) */
export const SEAT_MAPS = {
  heldUntil: '2026-11-27T09:19:25.813Z',
  flights: [
    {
      direction: 'outbound',
      flightId: 2322,
      flightNumber: 'SX160',
      aircraft: {
        code: 'A320',
        name: 'Airbus A320neo'
      },
      cabin: 'economy',
      seatChoice: 'paid',
      freeSeats: 48,
      rows: [
        {
          row: 6,
          zone: 'standard',
          exit: false,
          wing: false,
          groups: [
            [
              {
                seat: '6A',
                letter: 'A',
                zone: 'standard',
                position: 'window',
                exit: false,
                available: false,
                heldBy: null,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              },
              {
                seat: '6B',
                letter: 'B',
                zone: 'standard',
                position: 'middle',
                exit: false,
                available: false,
                heldBy: null,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              },
              {
                seat: '6C',
                letter: 'C',
                zone: 'standard',
                position: 'aisle',
                exit: false,
                available: false,
                heldBy: null,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              }
            ],
            [
              {
                seat: '6D',
                letter: 'D',
                zone: 'standard',
                position: 'aisle',
                exit: false,
                available: false,
                heldBy: null,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              },
              {
                seat: '6E',
                letter: 'E',
                zone: 'standard',
                position: 'middle',
                exit: false,
                available: true,
                heldBy: 1,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              },
              {
                seat: '6F',
                letter: 'F',
                zone: 'standard',
                position: 'window',
                exit: false,
                available: false,
                heldBy: null,
                price: {
                  amountMinor: 1200,
                  currency: 'EUR'
                },
                included: false,
                restrictedFor: []
              }
            ]
          ]
        }
      ],
      passengers: [
        {
          passengerIdx: 1,
          type: 'adult',
          carriesInfant: false,
          heldSeat: '6E',
          zones: [
            {
              zone: 'standard',
              offerCode: 'SEAT_STANDARD',
              price: {
                amountMinor: 1200,
                currency: 'EUR'
              },
              included: false,
              eligible: true
            },
            {
              zone: 'up_front',
              offerCode: 'SEAT_UP_FRONT',
              price: {
                amountMinor: 2000,
                currency: 'EUR'
              },
              included: false,
              eligible: true
            },
            {
              zone: 'extra_legroom',
              offerCode: 'SEAT_EXTRA_LEGROOM',
              price: {
                amountMinor: 3200,
                currency: 'EUR'
              },
              included: false,
              eligible: true
            }
          ]
        }
      ]
    }
  ]
};

/** GET /checkouts/{id}/payment/challenges/{challengeId} */
export const CHALLENGE = {
  id: 'dn_BSfp3sXNaeOhtADIDNA',
  status: 'pending',
  amount: {
    amountMinor: 22300,
    currency: 'EUR'
  },
  card: {
    brand: 'visa',
    last4: '3184'
  },
  createdAt: '2026-11-27T09:04:25.872Z',
  answer: {
    method: 'POST',
    path: '/api/v1/checkouts/SeM8TnC9RsJiPWqh4OnOPA/payment/challenges/dn_BSfp3sXNaeOhtADIDNA'
  }
};

/** GET /bookings/{reference}?lastName=Lovelace */
export const BOOKING = {
  reference: '7EZGKH',
  status: 'confirmed',
  checkoutId: 'SeM8TnC9RsJiPWqh4OnOPA',
  createdAt: '2026-11-27T09:04:25.911Z',
  contact: {
    email: 'ada@example.com',
    phone: '+353 1 555 0100'
  },
  total: {
    amountMinor: 22300,
    currency: 'EUR'
  },
  card: {
    brand: 'visa',
    last4: '3184'
  },
  flights: [
    {
      direction: 'outbound',
      flightNumber: 'SX160',
      familyName: 'Basic',
      cabin: 'economy',
      origin: {
        code: 'DUB',
        name: 'Dublin Airport',
        city: 'Dublin',
        country: 'Ireland',
        timeZone: 'Europe/Dublin'
      },
      destination: {
        code: 'LIS',
        name: 'Humberto Delgado Airport',
        city: 'Lisbon',
        country: 'Portugal',
        timeZone: 'Europe/Lisbon'
      },
      departure: {
        date: '2026-12-10',
        time: '06:55',
        timeZone: 'Europe/Dublin'
      },
      arrival: {
        date: '2026-12-10',
        time: '09:30',
        timeZone: 'Europe/Lisbon'
      },
      arrivalDayOffset: 0
    }
  ],
  passengers: [
    {
      idx: 1,
      type: 'adult',
      givenName: 'Ada',
      familyName: 'Lovelace',
      dateOfBirth: null,
      ticketNumber: '5556593604524',
      seats: [
        {
          direction: 'outbound',
          seat: '6E'
        }
      ]
    }
  ],
  items: [
    {
      itemKey: 'fare:outbound:adult',
      kind: 'fare',
      category: 'fare',
      offerCode: null,
      description: 'Outbound DUB–LIS, Basic: 1 adult',
      passengerIdx: null,
      direction: 'outbound',
      quantity: 1,
      unit: {
        amountMinor: 19100,
        currency: 'EUR'
      },
      total: {
        amountMinor: 19100,
        currency: 'EUR'
      },
      createdAt: '2026-11-27T09:04:25.911Z'
    },
    {
      itemKey: 'tax:outbound:seated',
      kind: 'tax',
      category: 'tax',
      offerCode: null,
      description: 'Outbound taxes and airport fees: 1 × seated passenger',
      passengerIdx: null,
      direction: 'outbound',
      quantity: 1,
      unit: {
        amountMinor: 2000,
        currency: 'EUR'
      },
      total: {
        amountMinor: 2000,
        currency: 'EUR'
      },
      createdAt: '2026-11-27T09:04:25.911Z'
    },
    {
      itemKey: 'seat:p1:outbound',
      kind: 'upsell',
      category: 'seat',
      offerCode: 'SEAT_STANDARD',
      description: 'Seat 6E, standard, Ada Lovelace, outbound',
      passengerIdx: 1,
      direction: 'outbound',
      quantity: 1,
      unit: {
        amountMinor: 1200,
        currency: 'EUR'
      },
      total: {
        amountMinor: 1200,
        currency: 'EUR'
      },
      createdAt: '2026-11-27T09:04:25.911Z'
    }
  ],
  links: {
    self: '/api/v1/bookings/7EZGKH'
  }
};
