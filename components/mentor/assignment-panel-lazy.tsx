'use client';
/**
 * The learner's mentor panel, loaded after the page: it shows nothing until saved
 * progress has been read anyway, so nothing moves, and its code (assignments, hand-in,
 * files) stays out of the first-load JS of the home and week pages, which every learner
 * loads whether or not they have a mentor.
 */
import dynamic from 'next/dynamic';

export const AssignmentPanel = dynamic(() => import('./assignment-panel').then((m) => m.AssignmentPanel), { ssr: false });
