import type { InputHTMLAttributes, ReactNode } from "react";
import { inputStyles } from "@/components/ui/styles";

interface FieldFrameProps {
  /** The input's name, which is also the dotted path the API reports errors under. */
  name: string;
  label: string;
  hint?: string;
  error?: string;
  className?: string;
  children: (control: { id: string; "aria-invalid"?: true; "aria-describedby"?: string; className: string }) => ReactNode;
}

/** A label, the control, a hint and the server's error for it, wired together for screen readers. */
export function FieldFrame({ name, label, hint, error, className = "", children }: FieldFrameProps) {
  const id = `field-${name.replace(/\./g, "-")}`;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ");
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1.5 block text-sm font-medium text-stone-700">
        {label}
      </label>
      {children({ id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined, className: `${inputStyles} w-full` })}
      {hint && (
        <p id={`${id}-hint`} className="mt-1.5 text-xs text-stone-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="mt-1.5 flex items-start gap-1.5 text-sm font-medium text-red-700">
          <svg viewBox="0 0 20 20" fill="currentColor" className="mt-0.5 size-4 shrink-0" aria-hidden="true">
            <path fillRule="evenodd" d="M18 10a8 8 0 1 1-16 0 8 8 0 0 1 16 0Zm-8-5a.75.75 0 0 1 .75.75v4.5a.75.75 0 0 1-1.5 0v-4.5A.75.75 0 0 1 10 5Zm0 10a1 1 0 1 0 0-2 1 1 0 0 0 0 2Z" clipRule="evenodd" />
          </svg>
          {error}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<FieldFrameProps, "children"> & Omit<InputHTMLAttributes<HTMLInputElement>, "name" | "className" | "id">;

export function TextField({ name, label, hint, error, className, ...input }: TextFieldProps) {
  return (
    <FieldFrame name={name} label={label} hint={hint} error={error} className={className}>
      {(control) => <input name={name} {...input} {...control} />}
    </FieldFrame>
  );
}
