import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

async function seriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help} (${v.nodes.length}) ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const questionList = (page: Page) => page.getByRole('list', { name: 'Questions' }).getByRole('listitem');

test('browse the question bank and filter it from the keyboard; filters survive a reload', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Interview practice' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Interview practice' })).toBeVisible();
  await expect(questionList(page)).toHaveCount(20);
  await expect(page.getByText('Showing 20 of 20 questions · 0 practised')).toBeVisible();
  // Easiest first: a junior meets the beginner questions at the top, their level written out.
  await expect(questionList(page).first()).toContainText('Beginner');
  await expect(questionList(page).last()).toContainText('Advanced');

  const coding = page.getByRole('group', { name: 'Category' }).getByRole('checkbox', { name: 'Coding' });
  await expect(coding).toBeEnabled(); // enabled once saved progress is read
  await coding.focus();
  await page.keyboard.press('Space');
  await expect(coding).toBeChecked();
  await expect(questionList(page)).toHaveCount(5);

  await page.getByRole('group', { name: 'Difficulty' }).getByRole('checkbox', { name: 'Advanced' }).check();
  await expect(questionList(page)).toHaveCount(1);
  await expect(questionList(page).getByRole('link', { name: /A connection pool with health checks/ })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.reload();
  await expect(page.getByText('Showing 1 of 20 questions')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(questionList(page)).toHaveCount(20);

  await page.getByRole('group', { name: 'Difficulty' }).getByRole('checkbox', { name: 'Beginner' }).check();
  await expect(questionList(page)).toHaveCount(5);
  for (const card of await questionList(page).all()) await expect(card).toContainText('Beginner');
  await expect(questionList(page).getByRole('link', { name: /Follow one query from the editor to the panel/ })).toBeVisible();
});

test('practise a question: hint, rubric, ticks and two scores; notes and trend survive a reload', async ({ page }) => {
  await page.goto('/interview/');
  await page.getByRole('link', { name: /A query handler with an expiring LRU cache/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'A query handler with an expiring LRU cache' })).toBeVisible();

  await page.getByRole('button', { name: 'Start timer' }).click();
  await expect(page.getByRole('button', { name: 'Pause timer' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Timer started' })).toBeAttached();
  const notes = page.getByRole('textbox', { name: /Your answer notes/ });
  await notes.fill('- map + doubly linked list\n- expiresAt per entry');

  await page.getByRole('button', { name: 'Show hint 1 of 3' }).click();
  await expect(page.getByText(/^Hint 1\./)).toBeVisible();
  await expect(page.getByRole('heading', { name: /Hints \(1 of 3 used\)/ })).toBeVisible();

  await page.getByRole('button', { name: 'Reveal rubric' }).click();
  await expect(page.getByRole('heading', { name: 'Key points' })).toBeFocused(); // focus follows the vanished button
  await page.getByRole('group', { name: /^Uses a map plus a recency order/ }).getByRole('radio', { name: 'Covered' }).check();
  await page.getByRole('group', { name: /^Stores an expiry time per entry/ }).getByRole('radio', { name: 'Covered' }).check();
  await page.getByRole('group', { name: /^Counts hits, misses and evictions/ }).getByRole('radio', { name: 'Missed' }).check();
  await expect(page.getByText(/^2 of 7 key points covered · 4 not ticked yet$/)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Trade-offs worth naming' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('radio', { name: /^3 – Covered the basics/ }).check();
  await page.getByRole('button', { name: 'Save score' }).click();
  await expect(page.getByText('Saved: 3 of 5, with 1 hint.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Resume timer' })).toBeVisible(); // saving stops the clock

  // A second attempt, better this time.
  await page.getByRole('button', { name: 'Practise again' }).click();
  await expect(page.getByRole('button', { name: 'Reveal rubric' })).toBeFocused();
  await expect(page.getByRole('heading', { name: /Hints \(0 of 3 used\)/ })).toBeVisible();
  await page.getByRole('button', { name: 'Reveal rubric' }).click();
  await page.getByRole('radio', { name: /^5 – Interview-ready/ }).check();
  await page.getByRole('button', { name: 'Save score' }).click();
  await expect(page.getByText('Saved: 5 of 5, with 0 hints.')).toBeVisible();

  const trend = page.getByRole('img', { name: 'Self-scores, oldest to newest: 3, 5 out of 5 (rising).' });
  await expect(trend).toBeVisible();

  await page.reload();
  await expect(trend).toBeVisible();
  await expect(notes).toHaveValue('- map + doubly linked list\n- expiresAt per entry');
  const history = page.getByRole('table', { name: 'Every attempt at this question' });
  await expect(history.getByRole('row')).toHaveCount(3); // header + two attempts
  await expect(history.getByRole('row').nth(1)).toContainText('5 / 5');
  await expect(history.getByRole('row').nth(2)).toContainText('3 / 5');
  await expect(history.getByRole('row').nth(2)).toContainText('2 of 7');

  await page.goto('/interview/');
  await expect(questionList(page).filter({ hasText: 'A query handler with an expiring LRU cache' })).toContainText('Practised 2 times · last score 5 of 5');
  await expect(page.getByText('Showing 20 of 20 questions · 1 practised')).toBeVisible();
});

test('a mock interview of two questions ends in a saved summary', async ({ page }) => {
  await page.goto('/interview/mock/');
  await expect(page.getByRole('heading', { name: 'Set up a mock interview' })).toBeVisible();
  await page.getByRole('spinbutton', { name: 'Number of questions' }).fill('2');
  await expect(page.getByText('20 questions match; 2 will be picked.')).toBeVisible();
  await page.getByRole('button', { name: 'Start mock interview' }).click();

  await expect(page.getByText('Question 1 of 2')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Pause timer' })).toBeVisible(); // the session clock runs from the start
  const first = (await page.locator('#mock-question-heading').textContent())!.trim();
  await page.getByRole('textbox', { name: /Your answer notes/ }).fill('first answer');
  await page.getByRole('button', { name: /Show hint 1 of/ }).click();
  await page.getByRole('button', { name: 'Show key points to score against' }).click();
  await expect(page.getByRole('list', { name: 'Key points to score against' })).toBeVisible();
  await page.getByRole('radio', { name: /^3 – / }).check();
  await page.getByRole('button', { name: 'Save self-score' }).click();
  await expect(page.getByText('Scored 3. 1 of 2 questions scored.')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole('button', { name: 'Next question' }).click();
  await expect(page.getByText('Question 2 of 2')).toBeVisible();
  await expect(page.locator('#mock-question-heading')).toBeFocused();
  const second = (await page.locator('#mock-question-heading').textContent())!.trim();
  expect(second).not.toBe(first);
  // Mid-interview reload: same question, same session.
  await page.reload();
  await expect(page.getByText('Question 2 of 2')).toBeVisible();
  await page.getByRole('radio', { name: /^4 – / }).check();
  await page.getByRole('button', { name: 'Save self-score' }).click();
  await page.getByRole('button', { name: 'Finish interview' }).click();

  const summary = page.getByRole('region', { name: 'Mock interview summary' });
  await expect(summary).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'Mock interview summary' })).toBeFocused();
  await expect(summary.getByRole('row', { name: new RegExp(first) })).toContainText('3 / 5');
  await expect(summary.getByRole('row', { name: new RegExp(first) }).getByRole('cell').nth(2)).toHaveText('1');
  await expect(summary.getByRole('row', { name: new RegExp(second) })).toContainText('4 / 5');
  await expect(summary).toContainText('average self-score 3.5 of 5');
  await expect(summary).toContainText('1 hint asked for');

  await page.reload();
  const past = page.getByRole('region', { name: 'Past mock interviews' });
  await expect(past.getByRole('row', { name: new RegExp(second) })).toContainText('4 / 5');
});
