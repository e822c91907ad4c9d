import { describe, expect, it } from "vitest";
import { ConfigError } from "@/lib/config";
import { shopDetails } from "@/lib/shop/details";

describe("shop details from the environment", () => {
  it("reads every SHOP_* variable, with the shop's public address from SHOP_URL without a trailing slash", () => {
    const shop = shopDetails({
      SHOP_LEGAL_NAME: "Tea Traders LLP",
      SHOP_URL: "https://tea.example.in/",
      SHOP_GRIEVANCE_OFFICER: "R. Menon",
      SHOP_GRIEVANCE_EMAIL: "grievance@tea.example.in",
      SHOP_DISPATCH_DAYS: "1",
      SHOP_DELIVERY_DAYS: "2-5",
      SHOP_RETURN_DAYS: "10",
    });
    expect(shop).toMatchObject({ legalName: "Tea Traders LLP", url: "https://tea.example.in", grievanceOfficer: { name: "R. Menon", email: "grievance@tea.example.in" }, fulfilment: { dispatchDays: 1, deliveryDays: { min: 2, max: 5 }, returnDays: 10 } });
  });

  it("sends grievances to the shop's email unless a grievance address is set", () => {
    expect(shopDetails({ SHOP_EMAIL: "care@tea.example.in" }).grievanceOfficer.email).toBe("care@tea.example.in");
  });

  it("refuses wrong values with a ConfigError naming each variable", () => {
    const attempt = () => shopDetails({ SHOP_GSTIN: "not-a-gstin", SHOP_DELIVERY_DAYS: "7-3", SHOP_RETURN_DAYS: "a week" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(/SHOP_GSTIN[\s\S]*SHOP_DELIVERY_DAYS[\s\S]*SHOP_RETURN_DAYS/);
  });
});
