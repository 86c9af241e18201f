// The roles a model has in the rollout, each as a badge: its icon and its word (the colour only repeats them). Shared
// by the rollout panel, its report and the canvas answer.
import { el, icon } from './dom.js';

const ROLES = {
  primary: { word: 'primary', icon: 'PRIMARY', title: 'The active model: it answers every request the canary does not' },
  canary: { word: 'canary', icon: 'CANARY', title: 'A model on trial: it answers its share of the requests' },
  shadow: { word: 'shadow', icon: 'SHADOW', title: 'It sees a copy of its share after the answer; it never answers' },
  named: { word: 'named', icon: 'QUEUED', title: 'Asked for by name (?model=)' },
};

/** A role as a badge: its icon and its word; the colour only repeats them. */
export const roleBadge = (role) => el('span', { class: `role role-${role}`, 'data-role': role,
  title: (ROLES[role] || ROLES.named).title }, icon((ROLES[role] || ROLES.named).icon),
el('span', { text: (ROLES[role] || ROLES.named).word }));
