import { describe, expect, it } from "vitest";
import { formatEmotion, formatNumber } from "../shared/format";
import { displayText, splitItems } from "./format";
import { channelItems, channelOf } from "./lanes/channel";

describe("formatNumber", () => {
  it("groups thousands and keeps at most two decimals", () => {
    expect(formatNumber(1234567)).toBe("1,234,567");
    expect(formatNumber(0.12345)).toBe("0.12");
    expect(formatNumber(1234.56)).toBe("1,234.6");
    expect(formatNumber(-0.0001)).toBe("0");
    expect(formatNumber(Number.NaN)).toBe("");
  });
  it("signs emotions", () => {
    expect(formatEmotion(2)).toBe("+2");
    expect(formatEmotion(-1.5)).toBe("\u22121.5");
    expect(formatEmotion(0)).toBe("0");
    expect(formatEmotion(null)).toBe("");
  });
  it("shows booleans, dates and missing values plainly", () => {
    expect(displayText(true, "bool")).toBe("yes");
    expect(displayText("2026-01-02T00:00:00", "date")).toBe("2026-01-02");
    expect(displayText(null, "text")).toBe("");
  });
});

describe("items", () => {
  it("splits text lanes on newlines, dropping blanks", () => {
    expect(splitItems("Slow\n\n  Confusing \r\nHidden fees")).toEqual(["Slow", "Confusing", "Hidden fees"]);
    expect(splitItems(null)).toEqual([]);
  });
  it("splits channels on newlines and commas and knows the usual ones", () => {
    expect(channelItems("web, app\nStore")).toEqual(["web", "app", "Store"]);
    expect(["Web", "mobile app", "boutique", "call centre", "e-mail", "WhatsApp", "Instagram", "letter"].map(channelOf))
      .toEqual(["web", "app", "store", "phone", "email", "chat", "social", "mail"]);
    expect(channelOf("carrier pigeon")).toBeNull();
  });
});
