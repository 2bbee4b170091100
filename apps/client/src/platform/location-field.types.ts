export interface LocationValue {
  lat?: number;
  lng?: number;
  address: string;
}

export interface LocationFieldProps {
  value: LocationValue;
  onChange: (next: LocationValue) => void;
}
