import { type ComponentType, lazy, Suspense } from 'react';
import { Route, Switch } from 'wouter';
import { HomePage } from './home/home-page.tsx';
import { I18nProvider } from './i18n/i18n-context.tsx';
import { Layout } from './layout.tsx';
import { NotFoundPage } from './ui/not-found-page.tsx';
import { Loading } from './ui/status.tsx';

/**
 * Pages other than the home page load on first visit, so a phone's first
 * page carries only what it shows (the build prints the first page's size).
 * The service worker precaches every chunk, so pages still open offline.
 */
// biome-ignore lint/suspicious/noExplicitAny: each page declares its own props; the route passes them.
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType<any>>>, name: K) {
  return lazy(() => load().then((module) => ({ default: module[name] })));
}

const AccountPage = lazyPage(() => import('./accounts/account-page.tsx'), 'AccountPage');
const SignInPage = lazyPage(() => import('./accounts/sign-in-page.tsx'), 'SignInPage');
const MyTripPage = lazyPage(() => import('./agenda/my-trip-page.tsx'), 'MyTripPage');
const AnnouncementsPage = lazyPage(() => import('./announcements/announcements-page.tsx'), 'AnnouncementsPage');
const InboxPage = lazyPage(() => import('./announcements/inbox-page.tsx'), 'InboxPage');
const AttendeesPage = lazyPage(() => import('./attendees/attendees-page.tsx'), 'AttendeesPage');
const AuditPage = lazyPage(() => import('./audit/audit-page.tsx'), 'AuditPage');
const BingoAdminPage = lazyPage(() => import('./bingo/admin-page.tsx'), 'BingoAdminPage');
const BingoPage = lazyPage(() => import('./bingo/bingo-page.tsx'), 'BingoPage');
const BingoDrawPage = lazyPage(() => import('./bingo/draw-page.tsx'), 'BingoDrawPage');
const BingoScreenPage = lazyPage(() => import('./bingo/screen-page.tsx'), 'BingoScreenPage');
const BuildingProgrammePage = lazyPage(() => import('./building/building-programme-page.tsx'), 'BuildingProgrammePage');
const BuildingProgrammesPage = lazyPage(
  () => import('./building/building-programmes-page.tsx'),
  'BuildingProgrammesPage',
);
const BuildingProgrammeEditPage = lazyPage(
  () => import('./building/programme-edit-page.tsx'),
  'BuildingProgrammeEditPage',
);
const NewBuildingProgrammePage = lazyPage(
  () => import('./building/programme-edit-page.tsx'),
  'NewBuildingProgrammePage',
);
const DelegationPage = lazyPage(() => import('./delegations/delegation-page.tsx'), 'DelegationPage');
const DelegationsPage = lazyPage(() => import('./delegations/delegations-page.tsx'), 'DelegationsPage');
const NewOrganizationPage = lazyPage(() => import('./directory/organization-edit-page.tsx'), 'NewOrganizationPage');
const OrganizationEditPage = lazyPage(() => import('./directory/organization-edit-page.tsx'), 'OrganizationEditPage');
const OrganizationPage = lazyPage(() => import('./directory/organization-page.tsx'), 'OrganizationPage');
const OrganizationsPage = lazyPage(() => import('./directory/organizations-page.tsx'), 'OrganizationsPage');
const PeoplePage = lazyPage(() => import('./directory/people-page.tsx'), 'PeoplePage');
const NewPersonPage = lazyPage(() => import('./directory/person-edit-page.tsx'), 'NewPersonPage');
const PersonEditPage = lazyPage(() => import('./directory/person-edit-page.tsx'), 'PersonEditPage');
const PersonPage = lazyPage(() => import('./directory/person-page.tsx'), 'PersonPage');
const MeetingPage = lazyPage(() => import('./groups/meeting-page.tsx'), 'MeetingPage');
const WorkingGroupEditPage = lazyPage(() => import('./groups/working-group-edit-page.tsx'), 'WorkingGroupEditPage');
const WorkingGroupPage = lazyPage(() => import('./groups/working-group-page.tsx'), 'WorkingGroupPage');
const WorkingGroupsPage = lazyPage(() => import('./groups/working-groups-page.tsx'), 'WorkingGroupsPage');
const BackOfficePage = lazyPage(() => import('./back-office/back-office-page.tsx'), 'BackOfficePage');
const RoomPage = lazyPage(() => import('./audience/room-page.tsx'), 'RoomPage');
const StagePage = lazyPage(() => import('./audience/stage-page.tsx'), 'StagePage');
const MeetingsPage = lazyPage(() => import('./meetings/meetings-page.tsx'), 'MeetingsPage');
const MeetingsStaffPage = lazyPage(() => import('./meetings/meetings-staff-page.tsx'), 'MeetingsStaffPage');
const CheckInPage = lazyPage(() => import('./check-in/check-in-page.tsx'), 'CheckInPage');
const EventDashboardPage = lazyPage(() => import('./back-office/event-dashboard-page.tsx'), 'EventDashboardPage');
const BadgePage = lazyPage(() => import('./networking/badge-page.tsx'), 'BadgePage');
const BadgesPrintPage = lazyPage(() => import('./networking/badges-print-page.tsx'), 'BadgesPrintPage');
const ConnectCodePage = lazyPage(() => import('./networking/connect-code-page.tsx'), 'ConnectCodePage');
const ConnectPage = lazyPage(() => import('./networking/connect-page.tsx'), 'ConnectPage');
const ContactsPage = lazyPage(() => import('./networking/contacts-page.tsx'), 'ContactsPage');
const MyProfilePage = lazyPage(() => import('./profiles/my-profile-page.tsx'), 'MyProfilePage');
const ArticleEditorPage = lazyPage(() => import('./news/article-editor-page.tsx'), 'ArticleEditorPage');
const ArticlePage = lazyPage(() => import('./news/article-page.tsx'), 'ArticlePage');
const NewsPage = lazyPage(() => import('./news/news-page.tsx'), 'NewsPage');
const SubscribePage = lazyPage(() => import('./news/subscribe-page.tsx'), 'SubscribePage');
const WritePage = lazyPage(() => import('./news/write-page.tsx'), 'WritePage');
const EventEditPage = lazyPage(() => import('./programme/event-edit-page.tsx'), 'EventEditPage');
const NewEventPage = lazyPage(() => import('./programme/event-edit-page.tsx'), 'NewEventPage');
const EventPage = lazyPage(() => import('./programme/event-page.tsx'), 'EventPage');
const EventsPage = lazyPage(() => import('./programme/events-page.tsx'), 'EventsPage');
const SessionPage = lazyPage(() => import('./programme/session-page.tsx'), 'SessionPage');
const NewSessionPage = lazyPage(() => import('./programme/session-edit-page.tsx'), 'NewSessionPage');
const SessionEditPage = lazyPage(() => import('./programme/session-edit-page.tsx'), 'SessionEditPage');
const NewVenuePage = lazyPage(() => import('./programme/venue-edit-page.tsx'), 'NewVenuePage');
const VenueEditPage = lazyPage(() => import('./programme/venue-edit-page.tsx'), 'VenueEditPage');
const VenuesPage = lazyPage(() => import('./programme/venue-edit-page.tsx'), 'VenuesPage');
const NotificationsPage = lazyPage(() => import('./rsvp/notifications-page.tsx'), 'NotificationsPage');

export function App() {
  return (
    <I18nProvider>
      <Layout>
        <Suspense fallback={<Loading />}>
          <Switch>
            <Route path="/" component={HomePage} />
            <Route path="/organizations" component={OrganizationsPage} />
            <Route path="/organizations/new" component={NewOrganizationPage} />
            <Route path="/organizations/:slug">
              {(params) => <OrganizationPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/organizations/:slug/edit">
              {(params) => <OrganizationEditPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/people" component={PeoplePage} />
            <Route path="/people/new" component={NewPersonPage} />
            <Route path="/people/:id">{(params) => <PersonPage key={params.id} id={params.id} />}</Route>
            <Route path="/people/:id/edit">{(params) => <PersonEditPage key={params.id} id={params.id} />}</Route>
            <Route path="/working-groups" component={WorkingGroupsPage} />
            <Route path="/working-groups/:slug">
              {(params) => <WorkingGroupPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/working-groups/:slug/edit">
              {(params) => <WorkingGroupEditPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/meetings/:sessionId">
              {(params) => <MeetingPage key={params.sessionId} sessionId={params.sessionId} />}
            </Route>
            <Route path="/building-programmes" component={BuildingProgrammesPage} />
            <Route path="/building-programmes/new" component={NewBuildingProgrammePage} />
            <Route path="/building-programmes/:slug">
              {(params) => <BuildingProgrammePage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/building-programmes/:slug/edit">
              {(params) => <BuildingProgrammeEditPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events" component={EventsPage} />
            <Route path="/events/new" component={NewEventPage} />
            <Route path="/events/:slug">{(params) => <EventPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/events/:slug/attendees">
              {(params) => <AttendeesPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/delegations">
              {(params) => <DelegationsPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/delegations/:id">{(params) => <DelegationPage key={params.id} id={params.id} />}</Route>
            <Route path="/notifications" component={NotificationsPage} />
            <Route path="/inbox" component={InboxPage} />
            <Route path="/events/:slug/announcements">
              {(params) => <AnnouncementsPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/badge">{(params) => <BadgePage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/events/:slug/badges">
              {(params) => <BadgesPrintPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/connect/:slug">{(params) => <ConnectPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/connect/:slug/:code">
              {(params) => (
                <ConnectCodePage key={`${params.slug}/${params.code}`} slug={params.slug} code={params.code} />
              )}
            </Route>
            <Route path="/contacts" component={ContactsPage} />
            <Route path="/me/profile" component={MyProfilePage} />
            <Route path="/events/:slug/edit">
              {(params) => <EventEditPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/sessions/:id/room">
              {(params) => <RoomPage key={params.id} slug={params.slug} sessionId={params.id} />}
            </Route>
            <Route path="/events/:slug/sessions/:id/stage">
              {(params) => <StagePage key={params.id} slug={params.slug} sessionId={params.id} />}
            </Route>
            <Route path="/events/:slug/meetings">
              {(params) => <MeetingsPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/meetings/staff">
              {(params) => <MeetingsStaffPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/check-in">
              {(params) => <CheckInPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/bingo">{(params) => <BingoPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/events/:slug/bingo/screen">
              {(params) => <BingoScreenPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/bingo/admin">
              {(params) => <BingoAdminPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/bingo/draw">
              {(params) => <BingoDrawPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/events/:slug/sessions/new">
              {(params) => <NewSessionPage key={params.slug} eventSlug={params.slug} />}
            </Route>
            <Route path="/events/:slug/sessions/:id">
              {(params) => <SessionPage key={`${params.slug}/${params.id}`} slug={params.slug} id={params.id} />}
            </Route>
            <Route path="/venues" component={VenuesPage} />
            <Route path="/venues/new" component={NewVenuePage} />
            <Route path="/venues/:slug/edit">
              {(params) => <VenueEditPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route path="/sessions/:id/edit">{(params) => <SessionEditPage key={params.id} id={params.id} />}</Route>
            <Route path="/news" component={NewsPage} />
            <Route path="/news/subscribe" component={SubscribePage} />
            <Route path="/news/:slug">{(params) => <ArticlePage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/write" component={WritePage} />
            <Route path="/write/:slug">{(params) => <ArticleEditorPage key={params.slug} slug={params.slug} />}</Route>
            <Route path="/sign-in" component={SignInPage} />
            <Route path="/account" component={AccountPage} />
            <Route path="/my-trip" component={MyTripPage} />
            <Route path="/admin/audit" component={AuditPage} />
            <Route path="/staff" component={BackOfficePage} />
            <Route path="/staff/events/:slug">
              {(params) => <EventDashboardPage key={params.slug} slug={params.slug} />}
            </Route>
            <Route component={NotFoundPage} />
          </Switch>
        </Suspense>
      </Layout>
    </I18nProvider>
  );
}
