import { nextGid, type ShopState } from "../store";
import type { MailingAddressRecord } from "../store-orders";
import type { MailingAddressInput } from "./inputs";

// Enough names for the seeded markets; other codes print as the code.
const COUNTRY_NAMES: Record<string, string> = {
  US: "United States",
  CA: "Canada",
  GB: "United Kingdom",
  DE: "Germany",
  FR: "France",
  NL: "Netherlands",
  IE: "Ireland",
  ES: "Spain",
  IT: "Italy",
  AU: "Australia",
};

const US_STATES: Record<string, string> = {
  CA: "California",
  DE: "Delaware",
  FL: "Florida",
  IL: "Illinois",
  MA: "Massachusetts",
  NJ: "New Jersey",
  NY: "New York",
  OR: "Oregon",
  TX: "Texas",
  WA: "Washington",
};

export function countryName(code: string): string {
  return COUNTRY_NAMES[code] ?? code;
}

/** A MailingAddress record from the schema's MailingAddressInput. */
export function toMailingAddress(
  shop: ShopState,
  input: MailingAddressInput,
): MailingAddressRecord {
  const countryCode = input.countryCode ?? null;
  const provinceCode = input.provinceCode ?? null;
  const province = provinceName(countryCode, provinceCode) ?? input.province;
  const country = countryCode ? countryName(countryCode) : input.country;
  const name = [input.firstName, input.lastName].filter(Boolean).join(" ");

  const address = {
    id: nextGid(shop, "MailingAddress"),
    firstName: input.firstName ?? null,
    lastName: input.lastName ?? null,
    name: name || null,
    company: input.company ?? null,
    address1: input.address1 ?? null,
    address2: input.address2 ?? null,
    city: input.city ?? null,
    province: province ?? null,
    provinceCode,
    country: country ?? null,
    countryCodeV2: countryCode,
    zip: input.zip ?? null,
    phone: input.phone ?? null,
    coordinatesValidated: false,
  };

  return { ...address, ...formatAddress(address) };
}

function provinceName(
  countryCode: string | null,
  provinceCode: string | null,
): string | undefined {
  if (countryCode !== "US" || !provinceCode) {
    return undefined;
  }

  return US_STATES[provinceCode];
}

function formatAddress(
  address: Omit<MailingAddressRecord, "formatted" | "formattedArea">,
): Pick<MailingAddressRecord, "formatted" | "formattedArea"> {
  const area = [address.city, address.provinceCode, address.zip]
    .filter(Boolean)
    .join(" ");
  const lines = [address.address1, address.address2, area, address.country];

  return {
    formatted: lines.filter((line): line is string => Boolean(line)),
    formattedArea: [address.city, address.province, address.country]
      .filter(Boolean)
      .join(", "),
  };
}

export function sameAddress(
  a: MailingAddressRecord | null,
  b: MailingAddressRecord | null,
): boolean {
  if (!a || !b) {
    return a === b;
  }

  return a.formatted.join("|") === b.formatted.join("|");
}
