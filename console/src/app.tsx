/** The console's routes. Every page but sign-in needs a checked token. */
import type { ReactNode } from 'react';
import { Navigate, Route, Routes } from 'react-router-dom';
import { useSession } from './auth/session.tsx';
import { Layout } from './components/layout.tsx';
import { Loading } from './components/status.tsx';
import { CasePage } from './pages/case-page.tsx';
import { CasesPage } from './pages/cases-page.tsx';
import { Dashboard } from './pages/dashboard.tsx';
import { LocationPage } from './pages/location-page.tsx';
import { NotFound } from './pages/not-found.tsx';
import { SignIn } from './pages/sign-in.tsx';
import { AccountSetupPage } from './pages/setup/account-setup-page.tsx';
import { AccountsPage } from './pages/setup/accounts-page.tsx';
import { LocationSetupPage } from './pages/setup/location-setup-page.tsx';

function Signed({ children }: { children: ReactNode }) {
  const { session, restoring } = useSession();
  if (restoring) {
    return (
      <main id="main" className="sign-in">
        <Loading what="your session" />
      </main>
    );
  }
  if (!session) return <SignIn />;
  return <Layout>{children}</Layout>;
}

function Home() {
  const { session } = useSession();
  const first = session?.accounts[0];
  return <Navigate to={first ? `/accounts/${first.id}` : '/setup'} replace />;
}

export function App() {
  const page = (element: ReactNode) => <Signed>{element}</Signed>;
  return (
    <Routes>
      <Route path="/" element={page(<Home />)} />
      <Route path="/accounts/:accountId" element={page(<Dashboard />)} />
      <Route path="/accounts/:accountId/cases" element={page(<CasesPage />)} />
      <Route path="/accounts/:accountId/cases/:caseId" element={page(<CasePage />)} />
      <Route path="/accounts/:accountId/locations/:locationId" element={page(<LocationPage />)} />
      <Route path="/setup" element={page(<AccountsPage />)} />
      <Route path="/setup/:accountId" element={page(<AccountSetupPage />)} />
      <Route path="/setup/:accountId/locations/:locationId" element={page(<LocationSetupPage />)} />
      <Route path="*" element={page(<NotFound />)} />
    </Routes>
  );
}
