import { signIn, signUp } from '../api.js';
import { errorBox, field, h } from '../dom.js';

function takeNotice() {
  const text = sessionStorage.getItem('voxify.notice');
  sessionStorage.removeItem('voxify.notice');
  return text;
}

export async function signInPage(main) {
  const notice = takeNotice();
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'current-password', required: true });
  const feedback = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', { class: 'card narrow', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    feedback.replaceChildren();
    try {
      await signIn(email.value.trim(), password.value);
      location.hash = '#/'; // the router opens the first page this role may use
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
      submit.disabled = false;
    }
  } }, field('E-mail', email), field('Password', password), feedback, submit,
  h('p', {}, 'New here? ', h('a', { href: '#/sign-up' }, 'Create an account')));
  main.append(h('h1', {}, 'Sign in'), notice ? h('p', { class: 'info', role: 'status' }, notice) : null, form);
}

export async function signUpPage(main) {
  const first = h('input', { name: 'first_name', autocomplete: 'given-name' });
  const last = h('input', { name: 'last_name', autocomplete: 'family-name' });
  const email = h('input', { type: 'email', name: 'email', autocomplete: 'email', required: true });
  const password = h('input', { type: 'password', name: 'password', autocomplete: 'new-password', required: true,
    minLength: 8 });
  const feedback = h('div', { 'aria-live': 'assertive' });
  const submit = h('button', { type: 'submit' }, 'Create account');
  const form = h('form', { class: 'card narrow', onsubmit: async (e) => {
    e.preventDefault();
    submit.disabled = true;
    feedback.replaceChildren();
    try {
      await signUp({ email: email.value.trim(), password: password.value,
        first_name: first.value.trim() || undefined, last_name: last.value.trim() || undefined });
      await signIn(email.value.trim(), password.value);
      location.hash = '#/'; // the router opens the first page this role may use
    } catch (error) {
      feedback.replaceChildren(errorBox(error));
      submit.disabled = false;
    }
  } },
  h('div', { class: 'row' }, field('First name', first), field('Last name', last)),
  field('E-mail', email),
  field('Password', password, '8 or more characters with an upper-case letter, a lower-case letter, a digit and a symbol.'),
  feedback, submit,
  h('p', {}, 'Already registered? ', h('a', { href: '#/sign-in' }, 'Sign in')));
  main.append(h('h1', {}, 'Create an account'), form);
}
