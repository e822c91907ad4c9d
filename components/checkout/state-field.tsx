import { FieldFrame } from "./field";
import { INDIAN_STATES, INDIAN_UNION_TERRITORIES } from "./regions";

/** Indian addresses pick from the official list of states and union territories; elsewhere the region is typed. */
export function StateField({ country, defaultValue, error }: { country: string; defaultValue?: string; error?: string }) {
  return (
    <FieldFrame name="shippingAddress.state" label="State" error={error}>
      {(control) =>
        country === "IN" ? (
          <select name="shippingAddress.state" defaultValue={defaultValue ?? ""} autoComplete="address-level1" aria-required="true" {...control}>
            <option value="" disabled>
              Select a state
            </option>
            <optgroup label="States">
              {INDIAN_STATES.map((state) => (
                <option key={state}>{state}</option>
              ))}
            </optgroup>
            <optgroup label="Union territories">
              {INDIAN_UNION_TERRITORIES.map((state) => (
                <option key={state}>{state}</option>
              ))}
            </optgroup>
          </select>
        ) : (
          <input name="shippingAddress.state" defaultValue={defaultValue} autoComplete="address-level1" aria-required="true" {...control} />
        )
      }
    </FieldFrame>
  );
}
