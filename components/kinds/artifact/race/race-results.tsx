'use client';
export default function RaceResults() {
  return null;
}
