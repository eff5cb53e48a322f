/**
 * Types of the canonical wire model: ACP 2026-04-17, the version the rest
 * of the app works in (older versions are mapped at the edge, see
 * version-mapping/). Field names are exactly the schema's, snake_case.
 *
 * Written by hand from spec/2026-04-17/schema.agentic_checkout.json
 * (`$defs/<Name>`, same names unless noted). tests/acp/wire-types.test.ts
 * keeps them honest: at compile time each interface must have exactly the
 * schema's property names, and a sample of each must validate.
 */

export type JsonObject = { [key: string]: unknown };

export type SessionStatus =
  | "incomplete"
  | "not_ready_for_payment"
  | "requires_escalation"
  | "authentication_required"
  | "ready_for_payment"
  | "pending_approval"
  | "complete_in_progress"
  | "completed"
  | "canceled"
  | "in_progress"
  | "expired";

export type TotalType =
  | "items_base_amount"
  | "items_discount"
  | "subtotal"
  | "discount"
  | "fulfillment"
  | "tax"
  | "fee"
  | "gift_wrap"
  | "tip"
  | "store_credit"
  | "total"
  | "amount_refunded";

export type LinkType =
  | "terms_of_use"
  | "privacy_policy"
  | "return_policy"
  | "shipping_policy"
  | "contact_us"
  | "about_us"
  | "faq"
  | "support";

export type MessageSeverity = "info" | "low" | "medium" | "high" | "critical";

export type MessageResolution =
  "recoverable" | "requires_buyer_input" | "requires_buyer_review";

export type MessageWarningCode =
  | "low_stock"
  | "high_demand"
  | "shipping_delay"
  | "price_change"
  | "expiring_promotion"
  | "limited_availability"
  | DiscountErrorCode;

export type MessageErrorCode =
  | "missing"
  | "invalid"
  | "out_of_stock"
  | "payment_declined"
  | "requires_sign_in"
  | "requires_3ds"
  | "low_stock"
  | "quantity_exceeded"
  | "coupon_invalid"
  | "coupon_expired"
  | "minimum_not_met"
  | "maximum_exceeded"
  | "region_restricted"
  | "age_verification_required"
  | "approval_required"
  | "unsupported"
  | "not_found"
  | "conflict"
  | "rate_limited"
  | "expired"
  | "intervention_required";

export type DiscountErrorCode =
  | "discount_code_expired"
  | "discount_code_invalid"
  | "discount_code_already_applied"
  | "discount_code_combination_disallowed"
  | "discount_code_minimum_not_met"
  | "discount_code_user_not_logged_in"
  | "discount_code_user_ineligible"
  | "discount_code_usage_limit_reached";

export type AffiliateAttributionMetadata = Record<
  string,
  string | number | boolean
>;

export type FulfillmentOption =
  | FulfillmentOptionShipping
  | FulfillmentOptionDigital
  | FulfillmentOptionPickup
  | FulfillmentOptionLocalDelivery;

export type Message = MessageInfo | MessageWarning | MessageError;

/**
 * A request line item: `Item` plus the `quantity` the schema forgot
 * (overlay in schema-overlays.ts, issue #264 / SEP #272). Validation fills
 * in the default of 1, so it is always present here.
 */
export interface RequestItem extends Item {
  quantity: number;
}

export interface VariantOption {
  name: string;
  value: string;
}

export interface WeightInfo {
  value: number;
  unit: "g" | "kg" | "oz" | "lb";
}

export interface DimensionsInfo {
  length: number;
  width: number;
  height: number;
  unit: "cm" | "in";
}

export interface DiscountDetail {
  code?: string;
  type: "percentage" | "fixed" | "bogo" | "volume";
  amount: number;
  description?: string;
  source?: "coupon" | "automatic" | "loyalty";
}

export interface Address {
  name: string;
  line_one: string;
  line_two?: string;
  city: string;
  state: string;
  country: string;
  postal_code: string;
  company?: string;
}

export interface AffiliateAttributionSource {
  type: "url" | "platform" | "unknown";
  url?: string;
}

export interface AffiliateAttribution {
  provider: string;
  token?: string;
  publisher_id?: string;
  campaign_id?: string;
  creative_id?: string;
  sub_id?: string;
  source?: AffiliateAttributionSource;
  issued_at?: string;
  expires_at?: string;
  metadata?: AffiliateAttributionMetadata;
  touchpoint?: "first" | "last";
}

export interface FulfillmentDetails {
  name?: string;
  phone_number?: string;
  email?: string;
  address?: Address;
}

export interface CompanyInfo {
  name: string;
  tax_id?: string;
  department?: string;
  cost_center?: string;
}

export interface LoyaltyInfo {
  tier?: string;
  points_balance?: number;
  member_since?: string;
}

export interface TaxExemption {
  certificate_id: string;
  certificate_type: "resale" | "exempt_organization" | "government";
  exempt_regions?: string[];
  expires_at?: string;
}

export interface Buyer {
  first_name?: string;
  last_name?: string;
  full_name?: string;
  email: string;
  phone_number?: string;
  customer_id?: string;
  account_type?: "guest" | "registered" | "business";
  authentication_status?: "authenticated" | "guest" | "requires_signin";
  company?: CompanyInfo;
  loyalty?: LoyaltyInfo;
  tax_exemption?: TaxExemption;
}

export interface InterventionCapabilities {
  supported?: Array<"3ds" | "biometric" | "address_verification">;
  required?: Array<"3ds" | "biometric">;
  enforcement?: "always" | "conditional" | "optional";
  display_context?: "native" | "webview" | "modal" | "redirect";
  redirect_context?: "in_app" | "external_browser" | "none";
  max_redirects?: number;
  max_interaction_depth?: number;
}

export interface Capabilities {
  payment?: Payment;
  interventions?: InterventionCapabilities;
  extensions?: string[] | ExtensionDeclaration[];
}

export interface ExtensionDeclaration {
  name: string;
  extends?: string[];
  schema?: string;
  spec?: string;
}

export interface Item {
  id: string;
  name?: string;
  unit_amount?: number;
}

export interface Disclosure {
  type: "disclaimer";
  content_type: "plain" | "markdown";
  content: string;
}

export interface CustomAttribute {
  display_name: string;
  value: string;
}

export interface MarketplaceSellerDetails {
  name: string;
}

export interface PaymentHandler {
  id: string;
  name: string;
  display_name?: string;
  version: string;
  spec: string;
  requires_delegate_payment: boolean;
  requires_pci_compliance: boolean;
  psp: string;
  config_schema: string;
  instrument_schemas: string[];
  config: JsonObject;
  display_order?: number;
}

export interface Payment {
  handlers: PaymentHandler[];
}

export interface LineItem {
  id: string;
  item: Item;
  quantity: number;
  name?: string;
  description?: string;
  images?: string[];
  unit_amount?: number;
  disclosures?: Disclosure[];
  custom_attributes?: CustomAttribute[];
  marketplace_seller_details?: MarketplaceSellerDetails;
  product_id?: string;
  sku?: string;
  variant_id?: string;
  category?: string;
  tags?: string[];
  weight?: WeightInfo;
  dimensions?: DimensionsInfo;
  availability_status?:
    "in_stock" | "low_stock" | "out_of_stock" | "backorder" | "pre_order";
  available_quantity?: number;
  max_quantity_per_order?: number;
  fulfillable_on?: string;
  variant_options?: VariantOption[];
  discount_details?: DiscountDetail[];
  tax_exempt?: boolean;
  tax_exemption_reason?: string;
  parent_id?: string;
  totals: Total[];
}

export interface TaxBreakdownItem {
  jurisdiction: string;
  rate: number;
  amount: number;
}

export interface Total {
  type: TotalType;
  display_text: string;
  amount: number;
  presentment_amount?: number;
  description?: string;
  breakdown?: TaxBreakdownItem[];
}

export interface FulfillmentOptionPickup {
  type: "pickup";
  id: string;
  title: string;
  description?: string;
  location: {
    name: string;
    address: Address;
    phone?: string;
    instructions?: string;
  };
  pickup_type?: "in_store" | "curbside" | "locker";
  ready_by?: string;
  pickup_by?: string;
  totals: Total[];
}

export interface FulfillmentOptionLocalDelivery {
  type: "local_delivery";
  id: string;
  title: string;
  description?: string;
  delivery_window?: {
    start: string;
    end: string;
  };
  service_area?: {
    radius_miles?: number;
    center_postal_code?: string;
  };
  totals: Total[];
}

export interface FulfillmentOptionShipping {
  type: "shipping";
  id: string;
  title: string;
  description?: string;
  carrier?: string;
  earliest_delivery_time?: string;
  latest_delivery_time?: string;
  totals: Total[];
}

export interface FulfillmentOptionDigital {
  type: "digital";
  id: string;
  title: string;
  description?: string;
  totals: Total[];
}

export interface SelectedFulfillmentOption {
  type: "shipping" | "digital" | "pickup" | "local_delivery";
  option_id: string;
  item_ids: string[];
}

export interface FulfillmentGroup {
  id: string;
  item_ids: string[];
  destination_type: "shipping" | "pickup" | "local_delivery" | "digital";
  fulfillment_details?: FulfillmentDetails;
  location_id?: string;
  instructions?: string;
}

export interface EstimatedDelivery {
  earliest: string;
  latest: string;
}

export interface OrderConfirmation {
  confirmation_number?: string;
  confirmation_email_sent?: boolean;
  receipt_url?: string;
  invoice_number?: string;
  order_notes?: string;
}

export interface SupportInfo {
  email?: string;
  phone?: string;
  hours?: string;
  help_center_url?: string;
}

export interface MessageInfo {
  type: "info";
  severity?: MessageSeverity;
  resolution?: MessageResolution;
  param?: string;
  content_type: "plain" | "markdown";
  content: string;
}

export interface MessageWarning {
  type: "warning";
  code: MessageWarningCode;
  severity?: MessageSeverity;
  resolution?: MessageResolution;
  param?: string;
  content_type: "plain" | "markdown";
  content: string;
}

export interface MessageError {
  type: "error";
  code: MessageErrorCode;
  severity?: MessageSeverity;
  resolution?: MessageResolution;
  param?: string;
  content_type: "plain" | "markdown";
  content: string;
}

export interface Link {
  type: LinkType;
  title?: string;
  url: string;
}

export interface PaymentData {
  handler_id?: string;
  instrument?: {
    type: string;
    credential: {
      type: string;
      token: string;
    };
  };
  billing_address?: Address;
  purchase_order_number?: string;
  payment_terms?: "immediate" | "net_15" | "net_30" | "net_60" | "net_90";
  due_date?: string;
  approval_required?: boolean;
}

export interface ProtocolVersion {
  version: string;
}

export interface DiscountAllocation {
  path: string;
  amount: number;
}

export interface Coupon {
  id: string;
  name: string;
  percent_off?: number;
  amount_off?: number;
  currency?: string;
  duration?: "once" | "repeating" | "forever";
  duration_in_months?: number;
  max_redemptions?: number;
  times_redeemed?: number;
  metadata?: Record<string, string>;
}

export interface AppliedDiscount {
  id: string;
  code?: string;
  coupon: Coupon;
  amount: number;
  automatic?: boolean;
  start?: string;
  end?: string;
  method?: "each" | "across";
  priority?: number;
  allocations?: DiscountAllocation[];
}

export interface DiscountsRequest {
  codes?: string[];
}

export interface DiscountsResponse {
  codes?: string[];
  applied?: AppliedDiscount[];
  rejected?: RejectedDiscount[];
}

export interface RejectedDiscount {
  code: string;
  reason: DiscountErrorCode;
  message?: string;
}

export interface RiskSignals {
  ip_address?: string;
  user_agent?: string;
  accept_language?: string;
  session_id?: string;
  device_fingerprint?: string;
}

export interface Order {
  type?: "order";
  id: string;
  checkout_session_id: string;
  order_number?: string;
  client_reference_id?: string;
  permalink_url: string;
  status?: string;
  estimated_delivery?: EstimatedDelivery;
  confirmation?: OrderConfirmation;
  support?: SupportInfo;
  line_items?: OrderLineItem[];
  fulfillments?: Fulfillment[];
  adjustments?: Adjustment[];
  totals?: Total[];
}

export interface OrderLineItem {
  id: string;
  title: string;
  product_id?: string;
  description?: string;
  image_url?: string;
  url?: string;
  quantity: OrderLineItemQuantity;
  unit_price?: number;
  subtotal?: number;
  totals?: Total[];
  status?: string;
}

export interface OrderLineItemQuantity {
  ordered: number;
  current: number;
  fulfilled?: number;
}

export interface LineItemReference {
  id: string;
  quantity: number;
}

export interface Fulfillment {
  id: string;
  type: "shipping" | "pickup" | "digital";
  status?: string;
  line_items?: LineItemReference[];
  carrier?: string;
  tracking_number?: string;
  tracking_url?: string;
  destination?: Address;
  estimated_delivery?: EstimatedDelivery;
  digital_delivery?: {
    access_url?: string;
    license_key?: string;
    expires_at?: string;
  };
  description?: string;
  events?: FulfillmentEvent[];
}

export interface FulfillmentEvent {
  id: string;
  type: string;
  occurred_at: string;
  description?: string;
  location?: string;
}

export interface Adjustment {
  id: string;
  type: string;
  occurred_at: string;
  status: string;
  line_items?: LineItemReference[];
  amount?: number;
  currency?: string;
  description?: string;
  reason?: string;
}

/**
 * The schema also allows other properties here (`additionalProperties:
 * true`); older versions required a `channel` (see version-mapping).
 */
export interface AuthenticationMetadata {
  acquirer_details: {
    acquirer_bin: string;
    acquirer_country: string;
    acquirer_merchant_id: string;
    merchant_name: string;
    requestor_id?: string;
  };
  directory_server: "american_express" | "mastercard" | "visa";
  flow_preference?: {
    type: "challenge" | "frictionless";
    challenge?: {
      type?: "mandated" | "preferred";
    };
    frictionless?: {
      type?: "low_risk";
    };
  };
}

export interface AuthenticationResult {
  outcome:
    | "abandoned"
    | "attempt_acknowledged"
    | "authenticated"
    | "canceled"
    | "denied"
    | "informational"
    | "internal_error"
    | "not_supported"
    | "processing_error"
    | "rejected";
  outcome_details?: {
    three_ds_cryptogram: string;
    electronic_commerce_indicator: "01" | "02" | "05" | "06" | "07";
    transaction_id: string;
    version: string;
  };
}

export interface MarketingConsentOption {
  channel: string;
  display_text: string;
  privacy_policy_url: string;
  is_subscribed?: boolean;
}

export interface MarketingConsent {
  channel: string;
  opted_in: boolean;
}

/** `$defs/CheckoutSessionCreateRequest`. */
export interface CreateRequest {
  buyer?: Buyer;
  line_items: RequestItem[];
  currency: string;
  fulfillment_details?: FulfillmentDetails;
  capabilities: Capabilities;
  fulfillment_groups?: FulfillmentGroup[];
  affiliate_attribution?: AffiliateAttribution;
  coupons?: string[];
  discounts?: DiscountsRequest;
  locale?: string;
  timezone?: string;
  quote_id?: string;
  metadata?: JsonObject;
  order_notes?: string;
}

/** `$defs/CheckoutSessionUpdateRequest`. */
export interface UpdateRequest {
  buyer?: Buyer;
  line_items?: RequestItem[];
  fulfillment_details?: FulfillmentDetails;
  fulfillment_groups?: FulfillmentGroup[];
  selected_fulfillment_options?: SelectedFulfillmentOption[];
  coupons?: string[];
  discounts?: DiscountsRequest;
  order_notes?: string;
}

/** `$defs/CheckoutSessionCompleteRequest`. */
export interface CompleteRequest {
  buyer?: Buyer;
  payment_data: PaymentData;
  authentication_result?: AuthenticationResult;
  affiliate_attribution?: AffiliateAttribution;
  risk_signals?: RiskSignals;
  marketing_consents?: MarketingConsent[];
  order_notes?: string;
}

export interface IntentTrace {
  reason_code:
    | "price_sensitivity"
    | "shipping_cost"
    | "shipping_speed"
    | "product_fit"
    | "trust_security"
    | "returns_policy"
    | "payment_options"
    | "comparison"
    | "timing_deferred"
    | "other";
  trace_summary?: string;
  metadata?: Record<string, string | number | boolean>;
}

/** `$defs/CancelSessionRequest`. */
export interface CancelRequest {
  intent_trace?: IntentTrace;
}

export interface DiscoveryResponse {
  protocol: DiscoveryProtocol;
  api_base_url: string;
  transports: Array<"rest" | "mcp">;
  capabilities: DiscoveryCapabilities;
}

export interface DiscoveryCapabilities {
  services: Array<"checkout" | "orders" | "delegate_payment" | "carts">;
  extensions?: DiscoveryExtension[];
  intervention_types?: Array<"3ds" | "biometric" | "address_verification">;
  supported_currencies?: string[];
  supported_locales?: string[];
}

export interface DiscoveryProtocol {
  name: "acp";
  version: string;
  supported_versions: string[];
  documentation_url?: string;
}

export interface DiscoveryExtension {
  name: string;
  spec?: string;
  schema?: string;
}

/** `$defs/CheckoutSessionBase` (`CheckoutSession` is `allOf` of it alone). */
export interface CheckoutSession {
  id: string;
  protocol?: ProtocolVersion;
  capabilities: Capabilities;
  buyer?: Buyer;
  status: SessionStatus;
  currency: string;
  presentment_currency?: string;
  exchange_rate?: number;
  exchange_rate_timestamp?: string;
  locale?: string;
  timezone?: string;
  line_items: LineItem[];
  fulfillment_details?: FulfillmentDetails;
  fulfillment_options: FulfillmentOption[];
  selected_fulfillment_options?: SelectedFulfillmentOption[];
  fulfillment_groups?: FulfillmentGroup[];
  totals: Total[];
  messages: Message[];
  links: Link[];
  authentication_metadata?: AuthenticationMetadata;
  created_at?: string;
  updated_at?: string;
  expires_at?: string;
  continue_url?: string;
  metadata?: JsonObject;
  quote_id?: string;
  quote_expires_at?: string;
  discounts?: DiscountsResponse;
  marketing_consent_options?: MarketingConsentOption[];
  order?: Order;
}

/** The answer to complete: the session with its order. */
export interface CheckoutSessionWithOrder extends CheckoutSession {
  order: Order;
}
